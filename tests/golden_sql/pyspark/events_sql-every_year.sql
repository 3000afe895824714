-- bilateral.events.query.events_sql('bilateral_stand_in_0000', 'bilateral_stand_in_0001', None, dialect='pyspark')
SELECT
  *
FROM `events` AS `t0`
WHERE
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
ORDER BY
  `t0`.`date` ASC NULLS LAST,
  `t0`.`kind` ASC NULLS LAST,
  `t0`.`title` ASC NULLS LAST
