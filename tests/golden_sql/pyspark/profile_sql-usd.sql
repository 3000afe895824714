-- bilateral.query.profile.profile_sql(country(0000), country(0001), (2023, 2024), from_flows=False, currency='USD', dialect='pyspark')
SELECT
  `t18`.`source`,
  `t18`.`side`,
  `t18`.`flow`,
  `t18`.`year`,
  `t18`.`month`,
  `t18`.`reporter`,
  SUM(`t18`.`unconverted`) AS `unconverted`,
  SUM(`t18`.`value`) AS `value`,
  SUM(`t18`.`confidential_value`) AS `confidential_value`,
  MIN(`t18`.`currency`) AS `currency`,
  MAX(`t18`.`vintage`) AS `vintage`,
  MIN(`t18`.`months`) AS `months`,
  BOOL_OR(`t18`.`annual`) AS `annual`,
  BOOL_OR(`t18`.`synthetic`) AS `synthetic`,
  BOOL_OR(`t18`.`reconciled`) AS `reconciled`,
  BOOL_OR(`t18`.`file_dated`) AS `file_dated`,
  MIN(`t18`.`product_level`) AS `product_level`
FROM (
  SELECT
    `t17`.`source`,
    `t17`.`side`,
    `t17`.`flow`,
    `t17`.`year`,
    `t17`.`month`,
    `t17`.`reporter`,
    SUM(CAST(`t17`.`unconverted` AS INT)) AS `unconverted`,
    SUM(`t17`.`value`) AS `value`,
    SUM(`t17`.`confidential_value`) AS `confidential_value`,
    MIN(`t17`.`currency`) AS `currency`,
    MAX(`t17`.`vintage`) AS `vintage`,
    COUNT(DISTINCT `t17`.`month`) AS `months`,
    BOOL_OR(`t17`.`month` IS NULL) AS `annual`,
    BOOL_OR(CONTAINS(COALESCE(`t17`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t17`.`flags`, ''), 'reconciled')) AS `reconciled`,
    BOOL_OR(CONTAINS(COALESCE(`t17`.`flags`, ''), 'file_dated')) AS `file_dated`,
    MIN(`t17`.`product_level`) AS `product_level`
  FROM (
    SELECT
      `t16`.`source`,
      `t16`.`reporter`,
      `t16`.`partner`,
      `t16`.`flow`,
      `t16`.`year`,
      `t16`.`month`,
      `t16`.`product_level`,
      (
        `t16`.`value` * `t16`.`target_rate`
      ) / `t16`.`own_rate` AS `value`,
      (
        `t16`.`confidential_value` * `t16`.`target_rate`
      ) / `t16`.`own_rate` AS `confidential_value`,
      `t16`.`quantity_kg`,
      `t16`.`rows`,
      'USD' AS `currency`,
      `t16`.`flags`,
      `t16`.`vintage`,
      `t16`.`side`,
      `t16`.`level_rank`,
      `t16`.`own_rate` IS NULL
      OR ISNAN(`t16`.`own_rate`)
      OR (
        `t16`.`target_rate` IS NULL OR ISNAN(`t16`.`target_rate`)
      ) AS `unconverted`
    FROM (
      SELECT
        `t15`.`source`,
        `t15`.`reporter`,
        `t15`.`partner`,
        `t15`.`flow`,
        `t15`.`year`,
        `t15`.`month`,
        `t15`.`product_level`,
        `t15`.`value`,
        `t15`.`confidential_value`,
        `t15`.`quantity_kg`,
        `t15`.`rows`,
        `t15`.`currency`,
        `t15`.`flags`,
        `t15`.`vintage`,
        `t15`.`side`,
        `t15`.`level_rank`,
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
          `t13`.`source`,
          `t13`.`reporter`,
          `t13`.`partner`,
          `t13`.`flow`,
          `t13`.`year`,
          `t13`.`month`,
          `t13`.`product_level`,
          `t13`.`value`,
          `t13`.`confidential_value`,
          `t13`.`quantity_kg`,
          `t13`.`rows`,
          `t13`.`currency`,
          `t13`.`flags`,
          `t13`.`vintage`,
          `t13`.`side`,
          `t13`.`level_rank`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t11`.`source`,
              `t11`.`reporter`,
              `t11`.`partner`,
              `t11`.`flow`,
              `t11`.`year`,
              `t11`.`month`,
              `t11`.`product_level`,
              `t11`.`value`,
              `t11`.`confidential_value`,
              `t11`.`quantity_kg`,
              `t11`.`rows`,
              `t11`.`currency`,
              `t11`.`flags`,
              `t11`.`vintage`,
              `t11`.`side`,
              `t11`.`level_rank`,
              NOT (
                BOOL_OR(`t11`.`month` IS NULL) OVER (
                  PARTITION BY `t11`.`source`, `t11`.`side`, `t11`.`flow`, `t11`.`year`, `t11`.`reporter`, `t11`.`partner`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                )
              ) AS `_monthly_only`,
              MIN(`t11`.`level_rank`) OVER (
                PARTITION BY `t11`.`source`, `t11`.`side`, `t11`.`flow`, `t11`.`year`, `t11`.`reporter`, `t11`.`partner`
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS `_top_level`
            FROM (
              SELECT
                `t10`.`source`,
                `t10`.`reporter`,
                `t10`.`partner`,
                `t10`.`flow`,
                `t10`.`year`,
                `t10`.`month`,
                `t10`.`product_level`,
                `t10`.`value`,
                `t10`.`confidential_value`,
                `t10`.`quantity_kg`,
                `t10`.`rows`,
                `t10`.`currency`,
                `t10`.`flags`,
                `t10`.`vintage`,
                `t10`.`side`,
                CASE `t10`.`product_level`
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
                  `t9`.`source`,
                  `t9`.`reporter`,
                  `t9`.`partner`,
                  `t9`.`flow`,
                  `t9`.`year`,
                  `t9`.`month`,
                  `t9`.`product_level`,
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
                  END AS `side`
                FROM (
                  SELECT
                    `t8`.`source`,
                    `t8`.`reporter`,
                    `t8`.`partner`,
                    `t8`.`flow`,
                    `t8`.`year`,
                    `t8`.`month`,
                    `t8`.`product_level`,
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
                        FROM `rollup_totals` AS `t1`
                        WHERE
                          `t1`.`year` IN (2022, 2023, 2024)
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
              ) AS `t10`
              WHERE
                `t10`.`side` IS NOT NULL
            ) AS `t11`
          ) AS `t12`
          WHERE
            (
              (
                `t12`.`month` IS NULL
              ) OR `t12`.`_monthly_only`
            )
            AND `t12`.`level_rank` = `t12`.`_top_level`
        ) AS `t13`
      ) AS `t15`
      LEFT OUTER JOIN (
        SELECT
          `t0`.`currency` AS `rate_currency`,
          `t0`.`year` AS `rate_year`,
          `t0`.`month` AS `rate_month`,
          `t0`.`per_eur` AS `own_rate`
        FROM `rates` AS `t0`
      ) AS `t4`
        ON `t15`.`currency` = `t4`.`rate_currency`
        AND `t15`.`year` = `t4`.`rate_year`
        AND `t15`.`month` IS NOT DISTINCT FROM `t4`.`rate_month`
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
        ON `t15`.`year` = `t5`.`target_year`
        AND `t15`.`month` IS NOT DISTINCT FROM `t5`.`target_month`
    ) AS `t16`
  ) AS `t17`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS `t18`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
