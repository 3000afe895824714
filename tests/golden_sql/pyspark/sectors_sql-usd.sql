-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'hs2', currency='USD', dialect='pyspark')
SELECT
  `t20`.`source`,
  `t20`.`side`,
  `t20`.`flow`,
  `t20`.`year`,
  `t20`.`code`,
  `t20`.`month`,
  `t20`.`unconverted`,
  `t20`.`members`,
  `t20`.`value`,
  `t20`.`currency`,
  `t20`.`vintage`,
  `t20`.`synthetic`,
  `t20`.`file_dated`
FROM (
  SELECT
    `t19`.`part`,
    `t19`.`source`,
    `t19`.`side`,
    `t19`.`flow`,
    `t19`.`year`,
    `t19`.`code`,
    `t19`.`month`,
    SUM(CAST(`t19`.`unconverted` AS INT)) AS `unconverted`,
    COLLECT_LIST(`t19`.`reporter`) AS `members`,
    SUM(`t19`.`value`) AS `value`,
    MIN(`t19`.`currency`) AS `currency`,
    MAX(`t19`.`vintage`) AS `vintage`,
    BOOL_OR(CONTAINS(COALESCE(`t19`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t19`.`flags`, ''), 'file_dated')) AS `file_dated`,
    COUNT(*) AS `rows`
  FROM (
    SELECT
      `t18`.`side`,
      `t18`.`source`,
      `t18`.`reporter`,
      `t18`.`partner`,
      `t18`.`flow`,
      `t18`.`year`,
      `t18`.`month`,
      `t18`.`product_level`,
      `t18`.`code`,
      (
        `t18`.`value` * `t18`.`target_rate`
      ) / `t18`.`own_rate` AS `value`,
      (
        `t18`.`confidential_value` * `t18`.`target_rate`
      ) / `t18`.`own_rate` AS `confidential_value`,
      'USD' AS `currency`,
      `t18`.`flags`,
      `t18`.`vintage`,
      `t18`.`part`,
      `t18`.`level_rank`,
      `t18`.`own_rate` IS NULL
      OR ISNAN(`t18`.`own_rate`)
      OR (
        `t18`.`target_rate` IS NULL OR ISNAN(`t18`.`target_rate`)
      ) AS `unconverted`
    FROM (
      SELECT
        `t17`.`side`,
        `t17`.`source`,
        `t17`.`reporter`,
        `t17`.`partner`,
        `t17`.`flow`,
        `t17`.`year`,
        `t17`.`month`,
        `t17`.`product_level`,
        `t17`.`code`,
        `t17`.`value`,
        `t17`.`confidential_value`,
        `t17`.`currency`,
        `t17`.`flags`,
        `t17`.`vintage`,
        `t17`.`part`,
        `t17`.`level_rank`,
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
          `t15`.`side`,
          `t15`.`source`,
          `t15`.`reporter`,
          `t15`.`partner`,
          `t15`.`flow`,
          `t15`.`year`,
          `t15`.`month`,
          `t15`.`product_level`,
          `t15`.`code`,
          `t15`.`value`,
          `t15`.`confidential_value`,
          `t15`.`currency`,
          `t15`.`flags`,
          `t15`.`vintage`,
          `t15`.`part`,
          `t15`.`level_rank`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t13`.`side`,
              `t13`.`source`,
              `t13`.`reporter`,
              `t13`.`partner`,
              `t13`.`flow`,
              `t13`.`year`,
              `t13`.`month`,
              `t13`.`product_level`,
              `t13`.`code`,
              `t13`.`value`,
              `t13`.`confidential_value`,
              `t13`.`currency`,
              `t13`.`flags`,
              `t13`.`vintage`,
              `t13`.`part`,
              `t13`.`level_rank`,
              `t13`.`_annual`,
              MIN(`t13`.`level_rank`) OVER (
                PARTITION BY `t13`.`part`, `t13`.`source`, `t13`.`side`, `t13`.`flow`, `t13`.`year`, `t13`.`reporter`, `t13`.`partner`
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS `_first_level`,
              BOOL_OR(`t13`.`_annual`) OVER (
                PARTITION BY `t13`.`part`, `t13`.`source`, `t13`.`side`, `t13`.`flow`, `t13`.`year`, `t13`.`reporter`, `t13`.`partner`
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS `_any_annual`
            FROM (
              SELECT
                `t12`.`side`,
                `t12`.`source`,
                `t12`.`reporter`,
                `t12`.`partner`,
                `t12`.`flow`,
                `t12`.`year`,
                `t12`.`month`,
                `t12`.`product_level`,
                `t12`.`code`,
                `t12`.`value`,
                `t12`.`confidential_value`,
                `t12`.`currency`,
                `t12`.`flags`,
                `t12`.`vintage`,
                `t12`.`part`,
                `t12`.`level_rank`,
                `t12`.`_annual`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t10`.`side`,
                    `t10`.`source`,
                    `t10`.`reporter`,
                    `t10`.`partner`,
                    `t10`.`flow`,
                    `t10`.`year`,
                    `t10`.`month`,
                    `t10`.`product_level`,
                    `t10`.`code`,
                    `t10`.`value`,
                    `t10`.`confidential_value`,
                    `t10`.`currency`,
                    `t10`.`flags`,
                    `t10`.`vintage`,
                    `t10`.`part`,
                    `t10`.`level_rank`,
                    `t10`.`_annual`,
                    `t10`.`_members_rank`,
                    MIN(`t10`.`_members_rank`) OVER (
                      PARTITION BY `t10`.`part`, `t10`.`source`, `t10`.`side`, `t10`.`flow`, `t10`.`year`
                      ORDER BY `t10`.`reporter` ASC, `t10`.`partner` ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS `_fewest`
                  FROM (
                    SELECT
                      CASE
                        WHEN `t9`.`reporter` IN ('bilateral_stand_in_0000')
                        AND `t9`.`partner` IN ('bilateral_stand_in_0001')
                        THEN 'first'
                        WHEN `t9`.`reporter` IN ('bilateral_stand_in_0001')
                        AND `t9`.`partner` IN ('bilateral_stand_in_0000')
                        THEN 'second'
                        ELSE NULL
                      END AS `side`,
                      `t9`.`source`,
                      `t9`.`reporter`,
                      `t9`.`partner`,
                      `t9`.`flow`,
                      `t9`.`year`,
                      `t9`.`month`,
                      `t9`.`product_level`,
                      `t9`.`code`,
                      `t9`.`value`,
                      `t9`.`confidential_value`,
                      `t9`.`currency`,
                      `t9`.`flags`,
                      `t9`.`vintage`,
                      'sectors' AS `part`,
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
                      END AS `level_rank`,
                      `t9`.`month` IS NULL AS `_annual`,
                      0 AS `_members_rank`
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
                  `t11`.`_members_rank` = `t11`.`_fewest`
              ) AS `t12`
            ) AS `t13`
          ) AS `t14`
          WHERE
            `t14`.`level_rank` = `t14`.`_first_level`
            AND `t14`.`_annual` = `t14`.`_any_annual`
        ) AS `t15`
      ) AS `t17`
      LEFT OUTER JOIN (
        SELECT
          `t0`.`currency` AS `rate_currency`,
          `t0`.`year` AS `rate_year`,
          `t0`.`month` AS `rate_month`,
          `t0`.`per_eur` AS `own_rate`
        FROM `rates` AS `t0`
      ) AS `t4`
        ON `t17`.`currency` = `t4`.`rate_currency`
        AND `t17`.`year` = `t4`.`rate_year`
        AND `t17`.`month` IS NOT DISTINCT FROM `t4`.`rate_month`
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
        ON `t17`.`year` = `t5`.`target_year`
        AND `t17`.`month` IS NOT DISTINCT FROM `t5`.`target_month`
    ) AS `t18`
  ) AS `t19`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6,
    7
) AS `t20`
