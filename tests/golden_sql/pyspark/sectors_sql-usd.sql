-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'hs2', currency='USD', dialect='pyspark')
SELECT
  `t17`.`source`,
  `t17`.`side`,
  `t17`.`flow`,
  `t17`.`year`,
  `t17`.`code`,
  `t17`.`month`,
  SUM(CAST(`t17`.`unconverted` AS INT)) AS `unconverted`,
  COLLECT_LIST(`t17`.`reporter`) AS `members`,
  SUM(`t17`.`value`) AS `value`,
  MIN(`t17`.`currency`) AS `currency`,
  MAX(`t17`.`vintage`) AS `vintage`,
  BOOL_OR(CONTAINS(COALESCE(`t17`.`flags`, ''), 'synthetic')) AS `synthetic`,
  BOOL_OR(CONTAINS(COALESCE(`t17`.`flags`, ''), 'file_dated')) AS `file_dated`
FROM (
  SELECT
    `t16`.`source`,
    `t16`.`reporter`,
    `t16`.`partner`,
    `t16`.`flow`,
    `t16`.`year`,
    `t16`.`month`,
    `t16`.`product_level`,
    `t16`.`classification`,
    `t16`.`code`,
    `t16`.`value`,
    `t16`.`confidential_value`,
    `t16`.`quantity_kg`,
    `t16`.`rows`,
    `t16`.`currency`,
    `t16`.`flags`,
    `t16`.`vintage`,
    `t16`.`side`,
    `t16`.`level_rank`,
    `t16`.`unconverted`
  FROM (
    SELECT
      `t15`.`source`,
      `t15`.`reporter`,
      `t15`.`partner`,
      `t15`.`flow`,
      `t15`.`year`,
      `t15`.`month`,
      `t15`.`product_level`,
      `t15`.`classification`,
      `t15`.`code`,
      (
        `t15`.`value` * `t15`.`target_rate`
      ) / `t15`.`own_rate` AS `value`,
      (
        `t15`.`confidential_value` * `t15`.`target_rate`
      ) / `t15`.`own_rate` AS `confidential_value`,
      `t15`.`quantity_kg`,
      `t15`.`rows`,
      'USD' AS `currency`,
      `t15`.`flags`,
      `t15`.`vintage`,
      `t15`.`side`,
      `t15`.`level_rank`,
      `t15`.`rate_currency`,
      `t15`.`rate_year`,
      `t15`.`rate_month`,
      `t15`.`own_rate`,
      `t15`.`target_currency`,
      `t15`.`target_year`,
      `t15`.`target_month`,
      `t15`.`target_rate`,
      `t15`.`own_rate` IS NULL
      OR ISNAN(`t15`.`own_rate`)
      OR (
        `t15`.`target_rate` IS NULL OR ISNAN(`t15`.`target_rate`)
      ) AS `unconverted`
    FROM (
      SELECT
        `t14`.`source`,
        `t14`.`reporter`,
        `t14`.`partner`,
        `t14`.`flow`,
        `t14`.`year`,
        `t14`.`month`,
        `t14`.`product_level`,
        `t14`.`classification`,
        `t14`.`code`,
        `t14`.`value`,
        `t14`.`confidential_value`,
        `t14`.`quantity_kg`,
        `t14`.`rows`,
        `t14`.`currency`,
        `t14`.`flags`,
        `t14`.`vintage`,
        `t14`.`side`,
        `t14`.`level_rank`,
        `t4`.`rate_currency`,
        `t4`.`rate_year`,
        `t4`.`rate_month`,
        `t4`.`own_rate`,
        `t5`.`target_currency`,
        `t5`.`target_year`,
        `t5`.`target_month`,
        `t5`.`target_rate`
      FROM (
        SELECT
          `t12`.`source`,
          `t12`.`reporter`,
          `t12`.`partner`,
          `t12`.`flow`,
          `t12`.`year`,
          `t12`.`month`,
          `t12`.`product_level`,
          `t12`.`classification`,
          `t12`.`code`,
          `t12`.`value`,
          `t12`.`confidential_value`,
          `t12`.`quantity_kg`,
          `t12`.`rows`,
          `t12`.`currency`,
          `t12`.`flags`,
          `t12`.`vintage`,
          `t12`.`side`,
          `t12`.`level_rank`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t10`.`source`,
              `t10`.`reporter`,
              `t10`.`partner`,
              `t10`.`flow`,
              `t10`.`year`,
              `t10`.`month`,
              `t10`.`product_level`,
              `t10`.`classification`,
              `t10`.`code`,
              `t10`.`value`,
              `t10`.`confidential_value`,
              `t10`.`quantity_kg`,
              `t10`.`rows`,
              `t10`.`currency`,
              `t10`.`flags`,
              `t10`.`vintage`,
              `t10`.`side`,
              `t10`.`level_rank`,
              NOT (
                BOOL_OR(`t10`.`month` IS NULL) OVER (
                  PARTITION BY `t10`.`source`, `t10`.`side`, `t10`.`flow`, `t10`.`year`, `t10`.`classification`, `t10`.`reporter`, `t10`.`partner`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                )
              ) AS `_monthly_only`,
              MIN(`t10`.`level_rank`) OVER (
                PARTITION BY `t10`.`source`, `t10`.`side`, `t10`.`flow`, `t10`.`year`, `t10`.`classification`, `t10`.`reporter`, `t10`.`partner`
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS `_top_level`
            FROM (
              SELECT
                `t9`.`source`,
                `t9`.`reporter`,
                `t9`.`partner`,
                `t9`.`flow`,
                `t9`.`year`,
                `t9`.`month`,
                `t9`.`product_level`,
                `t9`.`classification`,
                `t9`.`code`,
                `t9`.`value`,
                `t9`.`confidential_value`,
                `t9`.`quantity_kg`,
                `t9`.`rows`,
                `t9`.`currency`,
                `t9`.`flags`,
                `t9`.`vintage`,
                CASE
                  WHEN `t9`.`reporter` IN ('bilateral_stand_in_0000')
                  AND `t9`.`partner` IN ('bilateral_stand_in_0001')
                  THEN 'first'
                  WHEN `t9`.`reporter` IN ('bilateral_stand_in_0001')
                  AND `t9`.`partner` IN ('bilateral_stand_in_0000')
                  THEN 'second'
                  ELSE NULL
                END AS `side`,
                CASE `t9`.`product_level`
                  WHEN 'TOTAL'
                  THEN 0
                  WHEN 'CN8'
                  THEN 1
                  WHEN 'HS6'
                  THEN 2
                  WHEN 'HS4'
                  THEN 3
                  WHEN 'HS2'
                  THEN 4
                  ELSE 99
                END AS `level_rank`
              FROM (
                SELECT
                  `t8`.`source`,
                  `t8`.`reporter`,
                  `t8`.`partner`,
                  `t8`.`flow`,
                  `t8`.`year`,
                  `t8`.`month`,
                  `t8`.`product_level`,
                  `t8`.`classification`,
                  `t8`.`code`,
                  `t8`.`value`,
                  `t8`.`confidential_value`,
                  `t8`.`quantity_kg`,
                  `t8`.`rows`,
                  `t8`.`currency`,
                  `t8`.`flags`,
                  `t8`.`vintage`
                FROM (
                  SELECT
                    `t7`.`source`,
                    IF(`t7`.`_copy`, `t7`.`partner`, `t7`.`reporter`) AS `reporter`,
                    IF(`t7`.`_copy`, `t7`.`reporter`, `t7`.`partner`) AS `partner`,
                    IF(`t7`.`_copy`, REPLACE(`t7`.`flow`, 'export', 'import'), `t7`.`flow`) AS `flow`,
                    `t7`.`year`,
                    `t7`.`month`,
                    `t7`.`product_level`,
                    `t7`.`classification`,
                    `t7`.`code`,
                    `t7`.`value`,
                    `t7`.`confidential_value`,
                    `t7`.`quantity_kg`,
                    `t7`.`rows`,
                    `t7`.`currency`,
                    `t7`.`flags`,
                    `t7`.`vintage`,
                    `t7`.`_copy`
                  FROM (
                    SELECT
                      `t6`.`source`,
                      `t6`.`reporter`,
                      `t6`.`partner`,
                      `t6`.`flow`,
                      `t6`.`year`,
                      `t6`.`month`,
                      `t6`.`product_level`,
                      `t6`.`classification`,
                      `t6`.`code`,
                      `t6`.`value`,
                      `t6`.`confidential_value`,
                      `t6`.`quantity_kg`,
                      `t6`.`rows`,
                      `t6`.`currency`,
                      `t6`.`flags`,
                      `t6`.`vintage`,
                      EXPLODE(
                        IF(
                          `t6`.`source` IN ('baci')
                          AND (
                            `t6`.`flow` = 'export'
                          )
                          AND CONTAINS(COALESCE(`t6`.`flags`, ''), 'reconciled'),
                          ARRAY(FALSE, TRUE),
                          ARRAY(FALSE)
                        )
                      ) AS `_copy`
                    FROM (
                      SELECT
                        *
                      FROM `rollup_products` AS `t1`
                      WHERE
                        `t1`.`classification` = 'HS2'
                        AND `t1`.`year` IN (2023, 2024)
                        AND (
                          (
                            `t1`.`reporter` IN ('bilateral_stand_in_0000')
                            AND `t1`.`partner` IN ('bilateral_stand_in_0001')
                          )
                          OR (
                            `t1`.`reporter` IN ('bilateral_stand_in_0001')
                            AND `t1`.`partner` IN ('bilateral_stand_in_0000')
                          )
                        )
                    ) AS `t6`
                  ) AS `t7`
                ) AS `t8`
              ) AS `t9`
              WHERE
                CASE
                  WHEN `t9`.`reporter` IN ('bilateral_stand_in_0000')
                  AND `t9`.`partner` IN ('bilateral_stand_in_0001')
                  THEN 'first'
                  WHEN `t9`.`reporter` IN ('bilateral_stand_in_0001')
                  AND `t9`.`partner` IN ('bilateral_stand_in_0000')
                  THEN 'second'
                  ELSE NULL
                END IS NOT NULL
            ) AS `t10`
          ) AS `t11`
          WHERE
            (
              (
                `t11`.`month` IS NULL
              ) OR `t11`.`_monthly_only`
            )
            AND `t11`.`level_rank` = `t11`.`_top_level`
        ) AS `t12`
      ) AS `t14`
      LEFT OUTER JOIN (
        SELECT
          `t0`.`currency` AS `rate_currency`,
          `t0`.`year` AS `rate_year`,
          `t0`.`month` AS `rate_month`,
          `t0`.`per_eur` AS `own_rate`
        FROM `rates` AS `t0`
      ) AS `t4`
        ON `t14`.`currency` = `t4`.`rate_currency`
        AND `t14`.`year` = `t4`.`rate_year`
        AND `t14`.`month` IS NOT DISTINCT FROM `t4`.`rate_month`
      LEFT OUTER JOIN (
        SELECT
          `t0`.`currency` AS `target_currency`,
          `t0`.`year` AS `target_year`,
          `t0`.`month` AS `target_month`,
          `t0`.`per_eur` AS `target_rate`
        FROM `rates` AS `t0`
        WHERE
          `t0`.`currency` = 'USD'
      ) AS `t5`
        ON `t14`.`year` = `t5`.`target_year`
        AND `t14`.`month` IS NOT DISTINCT FROM `t5`.`target_month`
    ) AS `t15`
  ) AS `t16`
) AS `t17`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
