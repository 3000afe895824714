-- bilateral.query.sectors.sectors_sql(country(0000), group(WORLD), 2024, 'hs2', dialect='pyspark')
SELECT
  `t14`.`source`,
  `t14`.`side`,
  `t14`.`flow`,
  `t14`.`year`,
  `t14`.`code`,
  `t14`.`month`,
  `t14`.`unconverted`,
  `t14`.`members`,
  `t14`.`value`,
  `t14`.`currency`,
  `t14`.`vintage`,
  `t14`.`synthetic`,
  `t14`.`file_dated`
FROM (
  SELECT
    `t13`.`part`,
    `t13`.`source`,
    `t13`.`side`,
    `t13`.`flow`,
    `t13`.`year`,
    `t13`.`code`,
    `t13`.`month`,
    SUM(CAST(`t13`.`unconverted` AS INT)) AS `unconverted`,
    COLLECT_LIST(`t13`.`reporter`) AS `members`,
    SUM(`t13`.`value`) AS `value`,
    MIN(`t13`.`currency`) AS `currency`,
    MAX(`t13`.`vintage`) AS `vintage`,
    BOOL_OR(CONTAINS(COALESCE(`t13`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t13`.`flags`, ''), 'file_dated')) AS `file_dated`,
    COUNT(*) AS `rows`
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
      FALSE AS `unconverted`
    FROM (
      SELECT
        `t11`.`side`,
        `t11`.`source`,
        `t11`.`reporter`,
        `t11`.`partner`,
        `t11`.`flow`,
        `t11`.`year`,
        `t11`.`month`,
        `t11`.`product_level`,
        `t11`.`code`,
        `t11`.`value`,
        `t11`.`confidential_value`,
        `t11`.`currency`,
        `t11`.`flags`,
        `t11`.`vintage`,
        `t11`.`part`,
        `t11`.`level_rank`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t9`.`side`,
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
            `t9`.`part`,
            `t9`.`level_rank`,
            `t9`.`_annual`,
            MIN(`t9`.`level_rank`) OVER (
              PARTITION BY `t9`.`part`, `t9`.`source`, `t9`.`side`, `t9`.`flow`, `t9`.`year`, `t9`.`reporter`, `t9`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_first_level`,
            BOOL_OR(`t9`.`_annual`) OVER (
              PARTITION BY `t9`.`part`, `t9`.`source`, `t9`.`side`, `t9`.`flow`, `t9`.`year`, `t9`.`reporter`, `t9`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_any_annual`
          FROM (
            SELECT
              `t8`.`side`,
              `t8`.`source`,
              `t8`.`reporter`,
              `t8`.`partner`,
              `t8`.`flow`,
              `t8`.`year`,
              `t8`.`month`,
              `t8`.`product_level`,
              `t8`.`code`,
              `t8`.`value`,
              `t8`.`confidential_value`,
              `t8`.`currency`,
              `t8`.`flags`,
              `t8`.`vintage`,
              `t8`.`part`,
              `t8`.`level_rank`,
              `t8`.`_annual`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t6`.`side`,
                  `t6`.`source`,
                  `t6`.`reporter`,
                  `t6`.`partner`,
                  `t6`.`flow`,
                  `t6`.`year`,
                  `t6`.`month`,
                  `t6`.`product_level`,
                  `t6`.`code`,
                  `t6`.`value`,
                  `t6`.`confidential_value`,
                  `t6`.`currency`,
                  `t6`.`flags`,
                  `t6`.`vintage`,
                  `t6`.`part`,
                  `t6`.`level_rank`,
                  `t6`.`_annual`,
                  `t6`.`_members_rank`,
                  MIN(`t6`.`_members_rank`) OVER (
                    PARTITION BY `t6`.`part`, `t6`.`source`, `t6`.`side`, `t6`.`flow`, `t6`.`year`
                    ORDER BY `t6`.`reporter` ASC, `t6`.`partner` ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS `_fewest`
                FROM (
                  SELECT
                    `t5`.`side`,
                    `t5`.`source`,
                    `t5`.`reporter`,
                    `t5`.`partner`,
                    `t5`.`flow`,
                    `t5`.`year`,
                    `t5`.`month`,
                    `t5`.`product_level`,
                    `t5`.`code`,
                    `t5`.`value`,
                    `t5`.`confidential_value`,
                    `t5`.`currency`,
                    `t5`.`flags`,
                    `t5`.`vintage`,
                    'sectors' AS `part`,
                    CASE `t5`.`product_level`
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
                    `t5`.`month` IS NULL AS `_annual`,
                    CASE
                      WHEN 'sectors' = 'detail_views'
                      THEN 0
                      WHEN `t5`.`side` = 'first'
                      THEN (
                        CAST(NOT (
                          FALSE AND (
                            `t5`.`reporter` = 'bilateral_stand_in_0000'
                          )
                        ) AS TINYINT) * 2
                      ) + CAST(NOT (
                        TRUE AND (
                          `t5`.`partner` = 'WORLD'
                        )
                      ) AS TINYINT)
                      ELSE (
                        CAST(NOT (
                          TRUE AND (
                            `t5`.`reporter` = 'WORLD'
                          )
                        ) AS TINYINT) * 2
                      ) + CAST(NOT (
                        FALSE AND (
                          `t5`.`partner` = 'bilateral_stand_in_0000'
                        )
                      ) AS TINYINT)
                    END AS `_members_rank`
                  FROM (
                    SELECT
                      `t4`.`source`,
                      `t4`.`reporter`,
                      `t4`.`partner`,
                      `t4`.`flow`,
                      `t4`.`year`,
                      `t4`.`month`,
                      `t4`.`product_level`,
                      `t4`.`classification`,
                      `t4`.`code`,
                      `t4`.`value`,
                      `t4`.`confidential_value`,
                      `t4`.`quantity_kg`,
                      `t4`.`rows`,
                      `t4`.`currency`,
                      `t4`.`flags`,
                      `t4`.`vintage`,
                      CASE
                        WHEN `t4`.`reporter` IN ('bilateral_stand_in_0000')
                        AND (
                          (
                            `t4`.`partner` = 'WORLD'
                          )
                          OR NOT (
                            `t4`.`partner` IN (
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
                        THEN 'first'
                        WHEN (
                          (
                            `t4`.`reporter` = 'WORLD'
                          )
                          OR NOT (
                            `t4`.`reporter` IN (
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
                        AND `t4`.`partner` IN ('bilateral_stand_in_0000')
                        THEN 'second'
                        ELSE NULL
                      END AS `side`
                    FROM (
                      SELECT
                        `t3`.`source`,
                        `t3`.`reporter`,
                        `t3`.`partner`,
                        `t3`.`flow`,
                        `t3`.`year`,
                        `t3`.`month`,
                        `t3`.`product_level`,
                        `t3`.`classification`,
                        `t3`.`code`,
                        `t3`.`value`,
                        `t3`.`confidential_value`,
                        `t3`.`quantity_kg`,
                        `t3`.`rows`,
                        `t3`.`currency`,
                        `t3`.`flags`,
                        `t3`.`vintage`
                      FROM (
                        SELECT
                          `t2`.`source`,
                          IF(`t2`.`_copy`, `t2`.`partner`, `t2`.`reporter`) AS `reporter`,
                          IF(`t2`.`_copy`, `t2`.`reporter`, `t2`.`partner`) AS `partner`,
                          IF(`t2`.`_copy`, REPLACE(`t2`.`flow`, 'export', 'import'), `t2`.`flow`) AS `flow`,
                          `t2`.`year`,
                          `t2`.`month`,
                          `t2`.`product_level`,
                          `t2`.`classification`,
                          `t2`.`code`,
                          `t2`.`value`,
                          `t2`.`confidential_value`,
                          `t2`.`quantity_kg`,
                          `t2`.`rows`,
                          `t2`.`currency`,
                          `t2`.`flags`,
                          `t2`.`vintage`,
                          `t2`.`_copy`
                        FROM (
                          SELECT
                            `t1`.`source`,
                            `t1`.`reporter`,
                            `t1`.`partner`,
                            `t1`.`flow`,
                            `t1`.`year`,
                            `t1`.`month`,
                            `t1`.`product_level`,
                            `t1`.`classification`,
                            `t1`.`code`,
                            `t1`.`value`,
                            `t1`.`confidential_value`,
                            `t1`.`quantity_kg`,
                            `t1`.`rows`,
                            `t1`.`currency`,
                            `t1`.`flags`,
                            `t1`.`vintage`,
                            EXPLODE(
                              IF(
                                `t1`.`source` IN ('baci')
                                AND (
                                  `t1`.`flow` = 'export'
                                )
                                AND CONTAINS(COALESCE(`t1`.`flags`, ''), 'reconciled'),
                                ARRAY(FALSE, TRUE),
                                ARRAY(FALSE)
                              )
                            ) AS `_copy`
                          FROM (
                            SELECT
                              *
                            FROM `rollup_products` AS `t0`
                            WHERE
                              `t0`.`classification` = 'HS2'
                              AND `t0`.`year` IN (2023, 2024)
                              AND (
                                `t0`.`reporter` IN ('bilateral_stand_in_0000')
                                OR `t0`.`partner` IN ('bilateral_stand_in_0000')
                              )
                          ) AS `t1`
                        ) AS `t2`
                      ) AS `t3`
                    ) AS `t4`
                  ) AS `t5`
                  WHERE
                    `t5`.`side` IS NOT NULL
                ) AS `t6`
              ) AS `t7`
              WHERE
                `t7`.`_members_rank` = `t7`.`_fewest`
            ) AS `t8`
          ) AS `t9`
        ) AS `t10`
        WHERE
          `t10`.`level_rank` = `t10`.`_first_level`
          AND `t10`.`_annual` = `t10`.`_any_annual`
      ) AS `t11`
    ) AS `t12`
  ) AS `t13`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6,
    7
) AS `t14`
