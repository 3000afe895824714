-- bilateral.query.missing.holdings_sql(country(0000), group(WORLD), dialect='pyspark')
SELECT
  *
FROM (
  SELECT
    `t1`.`source`,
    `t1`.`year`,
    `t1`.`product_level`
  FROM (
    SELECT
      *
    FROM `rollup_totals` AS `t0`
    WHERE
      (
        `t0`.`reporter` IN ('bilateral_stand_in_0000')
        AND (
          (
            `t0`.`partner` = 'WORLD'
          )
          OR NOT (
            `t0`.`partner` IN (
              'EA',
              'EA19',
              'EA20',
              'EFTA',
              'EU',
              'EU15',
              'EU27_2020',
              'EU28',
              'EXT_EU',
              'EXT_EU27_2020',
              'EXT_EU28',
              'WORLD'
            )
          )
        )
      )
      OR (
        (
          (
            `t0`.`reporter` = 'WORLD'
          )
          OR NOT (
            `t0`.`reporter` IN (
              'EA',
              'EA19',
              'EA20',
              'EFTA',
              'EU',
              'EU15',
              'EU27_2020',
              'EU28',
              'EXT_EU',
              'EXT_EU27_2020',
              'EXT_EU28',
              'WORLD'
            )
          )
        )
        AND `t0`.`partner` IN ('bilateral_stand_in_0000')
      )
  ) AS `t1`
  GROUP BY
    1,
    2,
    3
) AS `t2`
ORDER BY
  `t2`.`source` ASC NULLS LAST,
  `t2`.`year` ASC NULLS LAST,
  `t2`.`product_level` ASC NULLS LAST
