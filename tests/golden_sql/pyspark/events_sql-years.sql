-- bilateral.events.query.events_sql('bilateral_stand_in_0000', 'bilateral_stand_in_0001', (2023, 2024), dialect='pyspark')
SELECT
  *
FROM `events` AS `t0`
WHERE
  (
    (
      (
        `t0`.`territory_a` = 'bilateral_stand_in_0000'
      )
      AND (
        `t0`.`territory_b` = 'bilateral_stand_in_0001'
      )
    )
    OR (
      (
        `t0`.`territory_a` = 'bilateral_stand_in_0001'
      )
      AND (
        `t0`.`territory_b` = 'bilateral_stand_in_0000'
      )
    )
  )
  AND EXTRACT(year FROM `t0`.`date`) IN (2023, 2024)
ORDER BY
  `t0`.`date` ASC NULLS LAST,
  `t0`.`kind` ASC NULLS LAST,
  `t0`.`title` ASC NULLS LAST
