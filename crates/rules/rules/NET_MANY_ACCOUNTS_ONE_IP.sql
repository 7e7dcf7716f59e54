-- id: NET_MANY_ACCOUNTS_ONE_IP
-- title: Signs in from an address other people also sign in from
-- category: network
-- weight: 12
-- sources: ADV-2022, DOJ-CHAPMAN, GIR-2025, MANDIANT-2024
-- description: The person signs in from a public IP address that other people, who share no
--   home with them, also sign in from: a laptop farm keeps many workers' laptops behind one
--   residential connection, often for several employers. An organisation's office (an
--   address five or more of its own people sign in from) is not counted between colleagues,
--   though people of other organisations behind it still are. VPN, proxy and hosting exits
--   link nobody, whatever their size (strangers share them; NET_VPN_ASTRILL weighs their
--   use), nor does an address the identifier engine classes as a hub (shared by more people
--   than this dataset makes normal).
--   Each other person adds weight, and more when they work for other organisations.
WITH ips AS (
  SELECT s.key AS ip, s.person_id, s.ref, p.org, coalesce(p.org, '') AS org_key
  FROM shared_identifiers s
  JOIN people p ON p.person_id = s.person_id
  LEFT JOIN signin_ips i ON i.ip = s.key
  WHERE s.kind = 'ip' AND s.sharing <> 'hub' AND NOT coalesce(i.datacenter, false)
),
-- People of one organisation behind one address, counted per group so that no pairs are
-- formed inside an office: a 5,000-person office would otherwise make 25 million of them.
groups AS (
  SELECT ip, org_key, count(*) AS people, bool_or(org IS NOT NULL) AS has_org
  FROM ips GROUP BY ip, org_key
),
same_org AS (
  SELECT a.person_id, a.ip, a.ref, b.person_id AS other_id, 0 AS other_org
  FROM ips a
  JOIN groups g ON g.ip = a.ip AND g.org_key = a.org_key
  JOIN ips b ON b.ip = a.ip AND b.org_key = a.org_key AND b.person_id <> a.person_id
  WHERE NOT (g.has_org AND g.people >= 5)
),
org_pairs AS (
  SELECT g1.ip, g1.org_key AS org_a, g2.org_key AS org_b
  FROM groups g1 JOIN groups g2 ON g1.ip = g2.ip AND g1.org_key <> g2.org_key
),
other_org AS (
  SELECT a.person_id, a.ip, a.ref, b.person_id AS other_id, 1 AS other_org
  FROM org_pairs op
  JOIN ips a ON a.ip = op.ip AND a.org_key = op.org_a
  JOIN ips b ON b.ip = op.ip AND b.org_key = op.org_b
),
pairs AS (
  SELECT x.* FROM (SELECT * FROM same_org UNION ALL SELECT * FROM other_org) x
  LEFT JOIN households hh ON hh.person_id = x.person_id AND hh.other_id = x.other_id
  WHERE hh.person_id IS NULL
)
SELECT person_id,
       concat('Signs in from ', array_to_string(array_sort(array_agg(DISTINCT ip)), ', '), ', also used by ',
              CAST(count(DISTINCT other_id) AS VARCHAR), ' other people who share no home with them',
              CASE WHEN max(other_org) = 1
                   THEN concat(' (', CAST(count(DISTINCT CASE WHEN other_org = 1 THEN other_id END) AS VARCHAR),
                               ' of them at other organisations)')
                   ELSE '' END) AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       array_sort(array_agg(DISTINCT other_id)) AS related,
       least(8 + 4 * count(DISTINCT other_id) + 6 * max(other_org), 30) AS weight
FROM pairs
GROUP BY person_id
