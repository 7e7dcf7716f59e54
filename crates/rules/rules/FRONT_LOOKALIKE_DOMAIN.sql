-- id: FRONT_LOOKALIKE_DOMAIN
-- title: Email, website, employer or vendor domain imitates a real company's or a seized front's
-- category: hiring
-- weight: 25
-- sources: S1-2024, DOJ-HWA, DOJ-2023, SEAL
-- description: A domain the person gave (email, website, a prior employer's domain, a vendor
--   that is a domain) is a lookalike of a real company's domain (the organisation's own or
--   its clients' when listed with --real-domains, well-known IT services firms and freelance
--   platforms, firms whose websites DPRK front companies copied) or of a seized or
--   front-company domain: a homoglyph (rn for m, a Cyrillic letter, punycode), the name as a
--   subdomain, a word added, a hyphen, another suffix, or a one-letter typo (dnstwist's
--   families, checked in reverse; short names are only checked for deliberate changes).
--   DPRK front companies copy real software firms' sites (SentinelLabs), fake prior employers
--   get purpose-built websites (US v. Jong Song Hwa), and seized domains return under new
--   spellings. A lead about an organisation, never about anyone's origin.
SELECT person_id,
       array_to_string(array_sort(array_agg(DISTINCT explanation)), '; ') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       max(weight) AS weight
FROM domain_findings
WHERE finding = 'lookalike'
GROUP BY person_id
