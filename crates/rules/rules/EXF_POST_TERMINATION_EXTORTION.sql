-- id: EXF_POST_TERMINATION_EXTORTION
-- title: Threatens to publish or destroy the organisation's code or data unless paid
-- category: access
-- weight: 40
-- sources: PSA-2025, SECUREWORKS-2024, DOJ-HWA
-- description: One of the person's own messages names the organisation's code, data,
--   credentials or customers, a price, and exposure or pressure ("pay by Friday or your
--   repos go public"). The 2025 FBI PSA and Secureworks report exactly this after workers
--   are let go; the detail says whether it came after the person's termination date.
SELECT m.person_id,
       concat(CAST(count(*) AS VARCHAR), CASE WHEN count(*) = 1 THEN ' message threatens' ELSE ' messages threaten' END,
              ' the organisation''s code or data unless paid',
              CASE WHEN bool_or(p.terminated_at IS NOT NULL AND m.at >= p.terminated_at)
                   THEN ' (after the person was let go)' ELSE '' END, ': ',
              array_to_string(array_slice(array_agg(m.evidence ORDER BY m.at), 1, 3), '; ')) AS detail,
       array_slice(array_agg(m.ref ORDER BY m.at), 1, 10) AS refs
FROM message_findings m
JOIN people p ON p.person_id = m.person_id
WHERE m.category = 'extortion' AND coalesce(m.direction, 'from_person') = 'from_person'
GROUP BY m.person_id
