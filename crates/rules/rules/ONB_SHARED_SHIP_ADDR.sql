-- id: ONB_SHARED_SHIP_ADDR
-- title: Company equipment shipped to an address shared with unrelated people
-- category: address
-- weight: 30
-- sources: PSA-2024, DOJ-CHAPMAN, DOJ-KNOOT, MANDIANT-2024, SECUREWORKS-2024
-- description: Laptops of several people go to one address that is not their own home
--   (or one address serves four or more people, even if each gives it as home): the
--   laptop-farm pattern of US v. Chapman (90+ computers at one home) and US v. Knoot. Addresses are compared after
--   normalisation (case, punctuation, unit designators, street suffixes, ZIP+4).
--   Households of two or three people living at the address are not counted.
WITH ship AS (
  SELECT person_id, key, value AS raw, ref
  FROM contact_keys WHERE kind = 'shipping_address' AND key IS NOT NULL
  UNION ALL
  SELECT person_id, key, address, ref FROM shipment_keys WHERE address IS NOT NULL
),
own_home AS (
  SELECT DISTINCT person_id, key FROM contact_keys WHERE kind = 'address' AND key IS NOT NULL
),
-- Who receives equipment at each address (their own home or not).
receivers AS (SELECT DISTINCT person_id, key FROM ship WHERE key IS NOT NULL),
-- Four or more receivers at one address: more than a household, even if each calls it home.
crowded AS (SELECT key FROM receivers GROUP BY key HAVING count(*) >= 4),
elsewhere AS (
  SELECT s.*, h.person_id IS NOT NULL AS is_home FROM ship s
  LEFT JOIN own_home h ON h.person_id = s.person_id AND h.key = s.key
  LEFT JOIN crowded c ON c.key = s.key
  WHERE s.key IS NOT NULL AND (h.person_id IS NULL OR c.key IS NOT NULL)
),
pairs AS (
  SELECT DISTINCT e.person_id, e.key, r.person_id AS other_id
  FROM (SELECT DISTINCT person_id, key FROM elsewhere) e
  JOIN receivers r ON r.key = e.key AND r.person_id <> e.person_id
  LEFT JOIN households hh ON hh.person_id = e.person_id AND hh.other_id = r.person_id
  WHERE hh.person_id IS NULL
),
others AS (
  SELECT person_id, key, count(*) AS n, array_agg(other_id) AS related
  FROM pairs GROUP BY person_id, key
)
SELECT e.person_id,
       concat('Company equipment for this person goes to ', max(e.raw),
              CASE WHEN bool_or(e.is_home) THEN ', the home they gave, which also receives equipment for '
                   ELSE ', which is not their home and receives equipment for ' END,
              max(o.n), ' other unrelated people') AS detail,
       array_sort(array_agg(DISTINCT e.ref)) AS refs,
       max(o.related) AS related,
       least(20 + 5 * max(o.n), 40) AS weight
FROM elsewhere e
JOIN others o ON o.person_id = e.person_id AND o.key = e.key
GROUP BY e.person_id, e.key
