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
  SELECT s.key AS ip, s.person_id, s.ref, p.org
  FROM shared_identifiers s
  JOIN people p ON p.person_id = s.person_id
  LEFT JOIN signin_ips i ON i.ip = s.key
  WHERE s.kind = 'ip' AND s.sharing <> 'hub' AND NOT coalesce(i.datacenter, false)
),
offices AS (
  SELECT ip, org FROM ips WHERE org IS NOT NULL GROUP BY ip, org HAVING count(*) >= 5
),
pairs AS (
  SELECT a.person_id, a.ip, a.ref, b.person_id AS other_id,
         CASE WHEN a.org IS NOT DISTINCT FROM b.org THEN 0 ELSE 1 END AS other_org
  FROM ips a
  JOIN ips b ON a.ip = b.ip AND a.person_id <> b.person_id
  LEFT JOIN households hh ON hh.person_id = a.person_id AND hh.other_id = b.person_id
  LEFT JOIN offices o ON o.ip = a.ip AND o.org = a.org
  WHERE hh.person_id IS NULL
    AND NOT (o.ip IS NOT NULL AND a.org IS NOT DISTINCT FROM b.org)
)
SELECT person_id,
       concat('Signs in from ', array_to_string(array_agg(DISTINCT ip), ', '), ', also used by ',
              CAST(count(DISTINCT other_id) AS VARCHAR), ' other people who share no home with them',
              CASE WHEN max(other_org) = 1
                   THEN concat(' (', CAST(count(DISTINCT CASE WHEN other_org = 1 THEN other_id END) AS VARCHAR),
                               ' of them at other organisations)')
                   ELSE '' END) AS detail,
       array_agg(DISTINCT ref) AS refs,
       array_agg(DISTINCT other_id) AS related,
       least(8 + 4 * count(DISTINCT other_id) + 6 * max(other_org), 30) AS weight
FROM pairs
GROUP BY person_id
