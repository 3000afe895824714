-- bilateral.query.profile.pair_years_sql(country(0002, 0003, 0004), country(0000), from_flows=False, dialect='pyspark')
SELECT
  *
FROM (
  SELECT
    `t1`.`year`
  FROM (
    SELECT
      *
    FROM `rollup_totals` AS `t0`
    WHERE
      (
        `t0`.`reporter` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
        AND `t0`.`partner` IN ('bilateral_stand_in_0000')
      )
      OR (
        `t0`.`reporter` IN ('bilateral_stand_in_0000')
        AND `t0`.`partner` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
      )
  ) AS `t1`
  GROUP BY
    1
) AS `t2`
ORDER BY
  `t2`.`year` ASC NULLS LAST
