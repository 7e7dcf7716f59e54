-- id: APP_PHOTO_REUSED
-- title: Same profile or ID photo as people with other names
-- category: identity
-- weight: 25
-- sources: PSA-2023, SEAL, MSFT-2025
-- description: The person's photo is the same picture as the photo of someone with another
--   name, resized, recompressed, cropped a little, brightened or mirrored on the way. The
--   2023 guidance warns of one picture under different names across profiles; SEAL's
--   framework checks applicant photos by reverse image search; Microsoft reports AI-edited
--   photos reused across personas. Found by perceptual hashes (DCT pHash, confirmed on
--   aligned thumbnails), not face recognition: a different photo of the same face does not
--   match, and a default avatar shared by very many people links nobody.
SELECT n.person_id,
       concat('The photo ', min(n.ref), ' is the same picture as the photo of ',
              CAST(count(DISTINCT n.other_id) AS VARCHAR), ' people under other names (closest: ',
              CAST(min(n.distance) AS VARCHAR), ' of 64 hash bits differ)') AS detail,
       array_sort(array_agg(DISTINCT n.ref)) || array_sort(array_agg(DISTINCT n.other_ref)) AS refs,
       array_sort(array_agg(DISTINCT n.other_id)) AS related
FROM photo_near_dups n
JOIN people a ON a.person_id = n.person_id
JOIN people b ON b.person_id = n.other_id
WHERE NOT rf_names_match(a.full_name, b.full_name)
GROUP BY n.person_id
