-- bilateral.query.profile.pair_years_sql(country(0000), country(0001), from_flows=False, dialect='pyspark')
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
        `t0`.`reporter` IN ('bilateral_stand_in_0000')
        AND `t0`.`partner` IN ('bilateral_stand_in_0001')
      )
      OR (
        `t0`.`reporter` IN ('bilateral_stand_in_0001')
        AND `t0`.`partner` IN ('bilateral_stand_in_0000')
      )
  ) AS `t1`
  GROUP BY
    1
) AS `t2`
ORDER BY
  `t2`.`year` ASC NULLS LAST
