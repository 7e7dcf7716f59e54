-- id: FRONT_SEIZED_DOMAIN
-- title: Seized or front-company domain in email, website, work history or vendor
-- category: hiring
-- weight: 35
-- sources: DOJ-2023, S1-2024, DOJ-DIDENKO
-- description: An email address, website, prior employer's domain or vendor is on a domain the
--   US seized from DPRK IT-worker operations (17 domains in October 2023, 4 in October 2024,
--   upworksell.com) or a front company SentinelLabs documented, in any spelling (letter case,
--   www., punycode, full-width characters). Where the source says whose website the front
--   copied, the detail names the real firm.
SELECT person_id,
       array_to_string(array_sort(array_agg(DISTINCT explanation)), '; ') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs
FROM domain_findings
WHERE finding = 'front'
GROUP BY person_id
