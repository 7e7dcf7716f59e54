-- id: EP_KOREAN_LOCALE
-- title: Korean keyboard layout or locale on a device
-- category: locale
-- weight: 5
-- sources: PSA-2023
-- description: A Korean keyboard layout, input method or OS locale on a device. Derived from
--   the 2023 US/ROK guidance on Korean language preferences. Millions of people use Korean
--   legitimately: this only corroborates other evidence and on its own never lifts anyone
--   above low.
SELECT person_id,
       concat('Korean ', array_to_string(array_sort(array_agg(DISTINCT replace(kind, '_', ' '))), ' and '),
              ' (', array_to_string(array_sort(array_agg(DISTINCT coalesce(value, name))), ', '), ') on device ',
              array_to_string(array_sort(array_agg(DISTINCT device_id)), ', ')) AS detail,
       array_sort(array_agg(DISTINCT rf_ref('endpoint', _line))) AS refs
FROM endpoint
WHERE kind IN ('locale', 'keyboard_layout') AND person_id IS NOT NULL
  AND (regexp_like(coalesce(value, ''), '(?i)^(ko([_.-]|$)|korean)|2-?set ?korean|hangul|^0*412$')
    OR regexp_like(coalesce(name, ''), '(?i)^(ko([_.-]|$)|korean)|2-?set ?korean|hangul'))
GROUP BY person_id
