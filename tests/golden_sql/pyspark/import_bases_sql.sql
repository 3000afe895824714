-- bilateral.query.valuation.import_bases_sql('bilateral_stand_in_0000', 'bilateral_stand_in_0001', (2023, 2024), ('baci', 'comtrade'), dialect='pyspark')
SELECT
  *
FROM (
  SELECT
    `t1`.`source`,
    `t1`.`reporter`,
    `t1`.`partner`,
    `t1`.`year`,
    SUM(`t1`.`value`) AS `value`,
    SUM(`t1`.`value_cif`) AS `cif`,
    SUM(`t1`.`value_fob`) AS `fob`,
    COUNT(*) AS `rows`,
    COUNT(`t1`.`value_cif`) AS `cif_rows`,
    COUNT(`t1`.`value_fob`) AS `fob_rows`
  FROM (
    SELECT
      *
    FROM `flows` AS `t0`
    WHERE
      `t0`.`source` IN ('baci', 'comtrade')
      AND `t0`.`year` IN (2023, 2024)
      AND `t0`.`reporter` IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
      AND `t0`.`partner` IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
      AND `t0`.`reporter` <> `t0`.`partner`
      AND `t0`.`flow` = 'import'
      AND `t0`.`product_scheme` = 'TOTAL'
      AND `t0`.`month` IS NULL
  ) AS `t1`
  GROUP BY
    1,
    2,
    3,
    4
) AS `t2`
ORDER BY
  `t2`.`year` ASC NULLS LAST,
  `t2`.`reporter` ASC NULLS LAST
