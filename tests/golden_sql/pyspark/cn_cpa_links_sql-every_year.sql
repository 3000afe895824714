-- bilateral.query.links.cn_cpa_links_sql(None, dialect='pyspark')
SELECT
  `t2`.`year`,
  `t2`.`product` AS `cn8`,
  `t2`.`product_cpa` AS `cpa`,
  `t2`.`value`,
  `t2`.`rows`,
  `t2`.`sources`,
  `t2`.`share`
FROM (
  SELECT
    `t1`.`year`,
    `t1`.`product`,
    `t1`.`product_cpa`,
    `t1`.`value`,
    `t1`.`rows`,
    `t1`.`sources`,
    `t1`.`value` / SUM(`t1`.`value`) OVER (
      PARTITION BY `t1`.`year`, `t1`.`product`
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS `share`
  FROM (
    SELECT
      `t0`.`year`,
      `t0`.`product`,
      `t0`.`product_cpa`,
      SUM(`t0`.`value`) AS `value`,
      SUM(`t0`.`rows`) AS `rows`,
      COUNT(DISTINCT `t0`.`source`) AS `sources`
    FROM `product_links` AS `t0`
    GROUP BY
      1,
      2,
      3
  ) AS `t1`
) AS `t2`
ORDER BY
  `t2`.`year` ASC NULLS LAST,
  `t2`.`product` ASC NULLS LAST,
  `t2`.`product_cpa` ASC NULLS LAST
