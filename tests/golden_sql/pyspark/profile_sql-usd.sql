-- bilateral.query.profile.profile_sql(country(0000), country(0001), (2023, 2024), from_flows=False, currency='USD', dialect='pyspark')
SELECT
  `t21`.`source`,
  `t21`.`side`,
  `t21`.`flow`,
  `t21`.`year`,
  `t21`.`month`,
  `t21`.`reporter`,
  SUM(`t21`.`unconverted`) AS `unconverted`,
  SUM(`t21`.`value`) AS `value`,
  SUM(`t21`.`confidential_value`) AS `confidential_value`,
  ARRAY_MIN(COLLECT_LIST(`t21`.`currency`)) AS `currency`,
  ARRAY_MAX(COLLECT_LIST(`t21`.`vintage`)) AS `vintage`,
  MIN(`t21`.`months`) AS `months`,
  BOOL_OR(`t21`.`annual`) AS `annual`,
  BOOL_OR(`t21`.`synthetic`) AS `synthetic`,
  BOOL_OR(`t21`.`reconciled`) AS `reconciled`,
  BOOL_OR(`t21`.`file_dated`) AS `file_dated`,
  MIN(`t21`.`product_level`) AS `product_level`
FROM (
  SELECT
    `t20`.`source`,
    `t20`.`side`,
    `t20`.`flow`,
    `t20`.`year`,
    `t20`.`month`,
    `t20`.`reporter`,
    SUM(CAST(`t20`.`unconverted` AS INT)) AS `unconverted`,
    SUM(`t20`.`value`) AS `value`,
    SUM(`t20`.`confidential_value`) AS `confidential_value`,
    ARRAY_MIN(COLLECT_LIST(`t20`.`currency`)) AS `currency`,
    ARRAY_MAX(COLLECT_LIST(`t20`.`vintage`)) AS `vintage`,
    COALESCE(SIZE(ARRAY_DISTINCT(COLLECT_LIST(`t20`.`month`))), 0) AS `months`,
    BOOL_OR(`t20`.`month` IS NULL) AS `annual`,
    BOOL_OR(CONTAINS(COALESCE(`t20`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t20`.`flags`, ''), 'reconciled')) AS `reconciled`,
    BOOL_OR(CONTAINS(COALESCE(`t20`.`flags`, ''), 'file_dated')) AS `file_dated`,
    MIN(`t20`.`product_level`) AS `product_level`
  FROM (
    SELECT
      `t19`.`source`,
      `t19`.`reporter`,
      `t19`.`partner`,
      `t19`.`flow`,
      `t19`.`year`,
      `t19`.`month`,
      `t19`.`product_level`,
      (
        `t19`.`value` * `t19`.`target_rate`
      ) / `t19`.`own_rate` AS `value`,
      (
        `t19`.`confidential_value` * `t19`.`target_rate`
      ) / `t19`.`own_rate` AS `confidential_value`,
      `t19`.`quantity_kg`,
      `t19`.`rows`,
      'USD' AS `currency`,
      `t19`.`flags`,
      `t19`.`vintage`,
      `t19`.`side`,
      `t19`.`level_rank`,
      `t19`.`own_rate` IS NULL
      OR ISNAN(`t19`.`own_rate`)
      OR (
        `t19`.`target_rate` IS NULL OR ISNAN(`t19`.`target_rate`)
      ) AS `unconverted`
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
        `t18`.`level_rank`,
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
          `t16`.`level_rank`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t14`.`source`,
              `t14`.`reporter`,
              `t14`.`partner`,
              `t14`.`flow`,
              `t14`.`year`,
              `t14`.`month`,
              `t14`.`product_level`,
              `t14`.`value`,
              `t14`.`confidential_value`,
              `t14`.`quantity_kg`,
              `t14`.`rows`,
              `t14`.`currency`,
              `t14`.`flags`,
              `t14`.`vintage`,
              `t14`.`side`,
              `t14`.`level_rank`,
              `t14`.`_annual`,
              MIN(`t14`.`level_rank`) OVER (
                PARTITION BY `t14`.`source`, `t14`.`side`, `t14`.`flow`, `t14`.`year`, `t14`.`reporter`, `t14`.`partner`
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS `_first_level`,
              BOOL_OR(`t14`.`_annual`) OVER (
                PARTITION BY `t14`.`source`, `t14`.`side`, `t14`.`flow`, `t14`.`year`, `t14`.`reporter`, `t14`.`partner`
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS `_any_annual`
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
                `t13`.`level_rank`,
                `t13`.`_annual`
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
                    `t11`.`_annual`,
                    `t11`.`_members_rank`,
                    MIN(`t11`.`_members_rank`) OVER (
                      PARTITION BY `t11`.`source`, `t11`.`side`, `t11`.`flow`, `t11`.`year`
                      ORDER BY `t11`.`reporter` ASC, `t11`.`partner` ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS `_fewest`
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
                      END AS `level_rank`,
                      `t10`.`month` IS NULL AS `_annual`,
                      0 AS `_members_rank`
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
                  `t12`.`_members_rank` = `t12`.`_fewest`
              ) AS `t13`
            ) AS `t14`
          ) AS `t15`
          WHERE
            `t15`.`level_rank` = `t15`.`_first_level`
            AND `t15`.`_annual` = `t15`.`_any_annual`
        ) AS `t16`
      ) AS `t18`
      LEFT OUTER JOIN (
        SELECT
          `t0`.`currency` AS `rate_currency`,
          `t0`.`year` AS `rate_year`,
          `t0`.`month` AS `rate_month`,
          `t0`.`per_eur` AS `own_rate`
        FROM `rates` AS `t0`
      ) AS `t4`
        ON `t18`.`currency` = `t4`.`rate_currency`
        AND `t18`.`year` = `t4`.`rate_year`
        AND `t18`.`month` IS NOT DISTINCT FROM `t4`.`rate_month`
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
        ON `t18`.`year` = `t5`.`target_year`
        AND `t18`.`month` IS NOT DISTINCT FROM `t5`.`target_month`
    ) AS `t19`
  ) AS `t20`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS `t21`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
