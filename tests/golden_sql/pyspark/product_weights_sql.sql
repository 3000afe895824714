-- bilateral.query.weights.product_weights_sql(2024, 6, dialect='pyspark')
SELECT
  *
FROM (
  SELECT
    SUBSTRING(`t1`.`product`, IF((
      0 + 1
    ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t1`.`product`)), 6) AS `product`,
    SUM(`t1`.`value`) AS `weight`
  FROM (
    SELECT
      *
    FROM `flows` AS `t0`
    WHERE
      `t0`.`year` = 2024
      AND CASE
        WHEN `t0`.`product_scheme` = 'TOTAL'
        THEN 'TOTAL'
        WHEN STARTSWITH(`t0`.`product_scheme`, 'CN')
        THEN 'CN8'
        WHEN `t0`.`product_scheme` RLIKE '^HS[0-9]{4}$'
        THEN 'HS6'
        ELSE `t0`.`product_scheme`
      END IN ('CN8', 'HS6')
      AND NOT (
        CONTAINS(`t0`.`product`, 'X')
      )
  ) AS `t1`
  GROUP BY
    1
) AS `t2`
ORDER BY
  `t2`.`product` ASC NULLS LAST
