-- bilateral.query.series.series_sql(country(0000), country(0001), (2023, 2024), currency='USD', dialect='pyspark')
SELECT
  `t26`.`kind`,
  `t26`.`source`,
  `t26`.`side`,
  `t26`.`flow`,
  `t26`.`year`,
  `t26`.`_month` AS `month`,
  `t26`.`reporters`,
  `t26`.`unconverted`,
  `t26`.`value`,
  `t26`.`currency`,
  `t26`.`vintage`,
  `t26`.`months`,
  `t26`.`annual`,
  `t26`.`synthetic`,
  `t26`.`published_total`
FROM (
  SELECT
    `t25`.`kind`,
    `t25`.`source`,
    `t25`.`side`,
    `t25`.`flow`,
    `t25`.`year`,
    `t25`.`_month`,
    SUM(`t25`.`unconverted`) AS `unconverted`,
    SIZE(COLLECT_LIST(`t25`.`reporter`)) AS `reporters`,
    SUM(`t25`.`value`) AS `value`,
    MIN(`t25`.`currency`) AS `currency`,
    MAX(`t25`.`vintage`) AS `vintage`,
    MIN(`t25`.`months`) AS `months`,
    BOOL_OR(`t25`.`annual`) AS `annual`,
    BOOL_OR(`t25`.`synthetic`) AS `synthetic`,
    BOOL_AND(`t25`.`published_total`) AS `published_total`
  FROM (
    SELECT
      `t24`.`kind`,
      `t24`.`source`,
      `t24`.`side`,
      `t24`.`flow`,
      `t24`.`year`,
      `t24`.`_month`,
      `t24`.`reporter`,
      SUM(CAST(`t24`.`unconverted` AS INT)) AS `unconverted`,
      SUM(`t24`.`value`) AS `value`,
      MIN(`t24`.`currency`) AS `currency`,
      MAX(`t24`.`vintage`) AS `vintage`,
      COALESCE(SIZE(ARRAY_DISTINCT(COLLECT_LIST(`t24`.`month`))), 0) AS `months`,
      BOOL_OR(`t24`.`month` IS NULL) AS `annual`,
      BOOL_OR(CONTAINS(COALESCE(`t24`.`flags`, ''), 'synthetic')) AS `synthetic`,
      BOOL_AND(`t24`.`product_level` = 'TOTAL') AS `published_total`
    FROM (
      SELECT
        `t23`.`source`,
        `t23`.`reporter`,
        `t23`.`partner`,
        `t23`.`flow`,
        `t23`.`year`,
        `t23`.`month`,
        `t23`.`product_level`,
        `t23`.`value`,
        `t23`.`confidential_value`,
        `t23`.`quantity_kg`,
        `t23`.`rows`,
        `t23`.`currency`,
        `t23`.`flags`,
        `t23`.`vintage`,
        `t23`.`side`,
        `t23`.`kind`,
        `t23`.`level_rank`,
        `t23`.`unconverted`,
        IF(`t23`.`kind` = 'month', `t23`.`month`, CAST(NULL AS TINYINT)) AS `_month`
      FROM (
        SELECT
          `t22`.`source`,
          `t22`.`reporter`,
          `t22`.`partner`,
          `t22`.`flow`,
          `t22`.`year`,
          `t22`.`month`,
          `t22`.`product_level`,
          `t22`.`value`,
          `t22`.`confidential_value`,
          `t22`.`quantity_kg`,
          `t22`.`rows`,
          `t22`.`currency`,
          `t22`.`flags`,
          `t22`.`vintage`,
          `t22`.`side`,
          `t22`.`kind`,
          `t22`.`level_rank`,
          `t22`.`unconverted`
        FROM (
          SELECT
            `t21`.`source`,
            `t21`.`reporter`,
            `t21`.`partner`,
            `t21`.`flow`,
            `t21`.`year`,
            `t21`.`month`,
            `t21`.`product_level`,
            (
              `t21`.`value` * `t21`.`target_rate`
            ) / `t21`.`own_rate` AS `value`,
            (
              `t21`.`confidential_value` * `t21`.`target_rate`
            ) / `t21`.`own_rate` AS `confidential_value`,
            `t21`.`quantity_kg`,
            `t21`.`rows`,
            'USD' AS `currency`,
            `t21`.`flags`,
            `t21`.`vintage`,
            `t21`.`side`,
            `t21`.`kind`,
            `t21`.`level_rank`,
            `t21`.`rate_currency`,
            `t21`.`rate_year`,
            `t21`.`rate_month`,
            `t21`.`own_rate`,
            `t21`.`target_currency`,
            `t21`.`target_year`,
            `t21`.`target_month`,
            `t21`.`target_rate`,
            `t21`.`own_rate` IS NULL
            OR ISNAN(`t21`.`own_rate`)
            OR (
              `t21`.`target_rate` IS NULL OR ISNAN(`t21`.`target_rate`)
            ) AS `unconverted`
          FROM (
            SELECT
              `t20`.`source`,
              `t20`.`reporter`,
              `t20`.`partner`,
              `t20`.`flow`,
              `t20`.`year`,
              `t20`.`month`,
              `t20`.`product_level`,
              `t20`.`value`,
              `t20`.`confidential_value`,
              `t20`.`quantity_kg`,
              `t20`.`rows`,
              `t20`.`currency`,
              `t20`.`flags`,
              `t20`.`vintage`,
              `t20`.`side`,
              `t20`.`kind`,
              `t20`.`level_rank`,
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
                `t18`.`source`,
                `t18`.`reporter`,
                `t18`.`partner`,
                `t18`.`flow`,
                `t18`.`year`,
                `t18`.`month`,
                `t18`.`product_level`,
                `t18`.`value`,
                `t18`.`confidential_value`,
                `t18`.`quantity_kg`,
                `t18`.`rows`,
                `t18`.`currency`,
                `t18`.`flags`,
                `t18`.`vintage`,
                `t18`.`side`,
                `t18`.`kind`,
                `t18`.`level_rank`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t16`.`source`,
                    `t16`.`reporter`,
                    `t16`.`partner`,
                    `t16`.`flow`,
                    `t16`.`year`,
                    `t16`.`month`,
                    `t16`.`product_level`,
                    `t16`.`value`,
                    `t16`.`confidential_value`,
                    `t16`.`quantity_kg`,
                    `t16`.`rows`,
                    `t16`.`currency`,
                    `t16`.`flags`,
                    `t16`.`vintage`,
                    `t16`.`side`,
                    `t16`.`kind`,
                    `t16`.`level_rank`,
                    `t16`.`_annual`,
                    MIN(`t16`.`level_rank`) OVER (
                      PARTITION BY `t16`.`source`, `t16`.`side`, `t16`.`flow`, `t16`.`year`, `t16`.`kind`, `t16`.`reporter`, `t16`.`partner`
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS `_first_level`,
                    BOOL_OR(`t16`.`_annual`) OVER (
                      PARTITION BY `t16`.`source`, `t16`.`side`, `t16`.`flow`, `t16`.`year`, `t16`.`kind`, `t16`.`reporter`, `t16`.`partner`
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS `_any_annual`
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
                      `t15`.`kind`,
                      `t15`.`level_rank`,
                      `t15`.`_annual`
                    FROM (
                      SELECT
                        *
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
                          `t13`.`kind`,
                          `t13`.`level_rank`,
                          `t13`.`_annual`,
                          `t13`.`_members_rank`,
                          MIN(`t13`.`_members_rank`) OVER (
                            PARTITION BY `t13`.`source`, `t13`.`side`, `t13`.`flow`, `t13`.`year`, `t13`.`kind`
                            ORDER BY `t13`.`reporter` ASC, `t13`.`partner` ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) AS `_fewest`
                        FROM (
                          SELECT
                            `t12`.`source`,
                            `t12`.`reporter`,
                            `t12`.`partner`,
                            `t12`.`flow`,
                            `t12`.`year`,
                            `t12`.`month`,
                            `t12`.`product_level`,
                            `t12`.`value`,
                            `t12`.`confidential_value`,
                            `t12`.`quantity_kg`,
                            `t12`.`rows`,
                            `t12`.`currency`,
                            `t12`.`flags`,
                            `t12`.`vintage`,
                            `t12`.`side`,
                            `t12`.`kind`,
                            CASE `t12`.`product_level`
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
                            END AS `level_rank`,
                            `t12`.`month` IS NULL AS `_annual`,
                            0 AS `_members_rank`
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
                              EXPLODE(IF(`t11`.`month` IS NULL, ARRAY('year'), ARRAY('year', 'month'))) AS `kind`
                            FROM (
                              SELECT
                                *
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
                        ) AS `t13`
                      ) AS `t14`
                      WHERE
                        `t14`.`_members_rank` = `t14`.`_fewest`
                    ) AS `t15`
                  ) AS `t16`
                ) AS `t17`
                WHERE
                  `t17`.`level_rank` = `t17`.`_first_level`
                  AND `t17`.`_annual` = `t17`.`_any_annual`
              ) AS `t18`
            ) AS `t20`
            LEFT OUTER JOIN (
              SELECT
                `t0`.`currency` AS `rate_currency`,
                `t0`.`year` AS `rate_year`,
                `t0`.`month` AS `rate_month`,
                `t0`.`per_eur` AS `own_rate`
              FROM `rates` AS `t0`
            ) AS `t4`
              ON `t20`.`currency` = `t4`.`rate_currency`
              AND `t20`.`year` = `t4`.`rate_year`
              AND `t20`.`month` IS NOT DISTINCT FROM `t4`.`rate_month`
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
              ON `t20`.`year` = `t5`.`target_year`
              AND `t20`.`month` IS NOT DISTINCT FROM `t5`.`target_month`
          ) AS `t21`
        ) AS `t22`
      ) AS `t23`
    ) AS `t24`
    GROUP BY
      1,
      2,
      3,
      4,
      5,
      6,
      7
  ) AS `t25`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS `t26`
