-- id: APP_EMPLOYER_WEBMAIL_DOMAIN
-- title: Prior employer given with a free-mail or disposable-mail domain
-- category: hiring
-- weight: 10
-- sources: KB4-2024, SEAL
-- description: A work-history entry gives a free-mail or disposable-mail provider
--   (gmail.com, mailinator.com) as the employer's domain, so the employer cannot be checked
--   through its own domain. KnowBe4's lesson from its DPRK hire was to stop relying on
--   references reachable only by email; SEAL warns of bogus work history. Weak on its own.
--   An employer named like the provider (Yahoo at yahoo.com) is the provider itself.
SELECT person_id,
       array_to_string(array_sort(array_agg(DISTINCT explanation)), '; ') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs
FROM domain_findings
WHERE subject = 'employer_domain' AND finding IN ('free-mail', 'disposable')
  AND strpos(lower(replace(coalesce(employer, ''), ' ', '')), split_part(domain, '.', 1)) = 0
GROUP BY person_id
