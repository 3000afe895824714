-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'cpa', span=2, dialect='pyspark')
SELECT
  `t22`.`part`,
  IF(`t22`.`part` = 'sectors', `t22`.`source`, CAST(NULL AS STRING)) AS `sectors__source`,
  IF(`t22`.`part` = 'sectors', `t22`.`side`, CAST(NULL AS STRING)) AS `sectors__side`,
  IF(`t22`.`part` = 'sectors', `t22`.`flow`, CAST(NULL AS STRING)) AS `sectors__flow`,
  IF(`t22`.`part` = 'sectors', `t22`.`year`, CAST(NULL AS SMALLINT)) AS `sectors__year`,
  IF(`t22`.`part` = 'sectors', `t22`.`code`, CAST(NULL AS STRING)) AS `sectors__code`,
  IF(`t22`.`part` = 'sectors', `t22`.`month`, CAST(NULL AS TINYINT)) AS `sectors__month`,
  IF(`t22`.`part` = 'sectors', `t22`.`unconverted`, CAST(NULL AS BIGINT)) AS `sectors__unconverted`,
  IF(`t22`.`part` = 'sectors', `t22`.`members`, CAST(NULL AS ARRAY<STRING>)) AS `sectors__members`,
  IF(`t22`.`part` = 'sectors', `t22`.`value`, CAST(NULL AS DOUBLE)) AS `sectors__value`,
  IF(`t22`.`part` = 'sectors', `t22`.`currency`, CAST(NULL AS STRING)) AS `sectors__currency`,
  IF(`t22`.`part` = 'sectors', `t22`.`vintage`, CAST(NULL AS STRING)) AS `sectors__vintage`,
  IF(`t22`.`part` = 'sectors', `t22`.`synthetic`, CAST(NULL AS BOOLEAN)) AS `sectors__synthetic`,
  IF(`t22`.`part` = 'sectors', `t22`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `sectors__file_dated`,
  IF(`t22`.`part` = 'detail_views', `t22`.`source`, CAST(NULL AS STRING)) AS `detail_views__source`,
  IF(`t22`.`part` = 'detail_views', `t22`.`side`, CAST(NULL AS STRING)) AS `detail_views__side`,
  IF(`t22`.`part` = 'detail_views', `t22`.`flow`, CAST(NULL AS STRING)) AS `detail_views__flow`,
  IF(`t22`.`part` = 'detail_views', `t22`.`year`, CAST(NULL AS SMALLINT)) AS `detail_views__year`,
  IF(`t22`.`part` = 'detail_views', `t22`.`rows`, CAST(NULL AS BIGINT)) AS `detail_views__rows`
FROM (
  SELECT
    `t21`.`part`,
    `t21`.`source`,
    `t21`.`side`,
    `t21`.`flow`,
    `t21`.`year`,
    `t21`.`code`,
    `t21`.`month`,
    SUM(CAST(`t21`.`unconverted` AS INT)) AS `unconverted`,
    COLLECT_LIST(`t21`.`reporter`) AS `members`,
    SUM(`t21`.`value`) AS `value`,
    MIN(`t21`.`currency`) AS `currency`,
    MAX(`t21`.`vintage`) AS `vintage`,
    BOOL_OR(CONTAINS(COALESCE(`t21`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t21`.`flags`, ''), 'file_dated')) AS `file_dated`,
    COUNT(*) AS `rows`
  FROM (
    SELECT
      `t20`.`side`,
      `t20`.`source`,
      `t20`.`reporter`,
      `t20`.`partner`,
      `t20`.`flow`,
      `t20`.`year`,
      `t20`.`month`,
      `t20`.`product_level`,
      `t20`.`code`,
      `t20`.`value`,
      `t20`.`confidential_value`,
      `t20`.`currency`,
      `t20`.`flags`,
      `t20`.`vintage`,
      `t20`.`part`,
      `t20`.`level_rank`,
      FALSE AS `unconverted`
    FROM (
      SELECT
        `t19`.`side`,
        `t19`.`source`,
        `t19`.`reporter`,
        `t19`.`partner`,
        `t19`.`flow`,
        `t19`.`year`,
        `t19`.`month`,
        `t19`.`product_level`,
        `t19`.`code`,
        `t19`.`value`,
        `t19`.`confidential_value`,
        `t19`.`currency`,
        `t19`.`flags`,
        `t19`.`vintage`,
        `t19`.`part`,
        `t19`.`level_rank`
      FROM (
        SELECT
          *
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
            `t17`.`_annual`,
            MIN(`t17`.`level_rank`) OVER (
              PARTITION BY `t17`.`part`, `t17`.`source`, `t17`.`side`, `t17`.`flow`, `t17`.`year`, `t17`.`reporter`, `t17`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_first_level`,
            BOOL_OR(`t17`.`_annual`) OVER (
              PARTITION BY `t17`.`part`, `t17`.`source`, `t17`.`side`, `t17`.`flow`, `t17`.`year`, `t17`.`reporter`, `t17`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_any_annual`
          FROM (
            SELECT
              `t16`.`side`,
              `t16`.`source`,
              `t16`.`reporter`,
              `t16`.`partner`,
              `t16`.`flow`,
              `t16`.`year`,
              `t16`.`month`,
              `t16`.`product_level`,
              `t16`.`code`,
              `t16`.`value`,
              `t16`.`confidential_value`,
              `t16`.`currency`,
              `t16`.`flags`,
              `t16`.`vintage`,
              `t16`.`part`,
              `t16`.`level_rank`,
              `t16`.`_annual`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t14`.`side`,
                  `t14`.`source`,
                  `t14`.`reporter`,
                  `t14`.`partner`,
                  `t14`.`flow`,
                  `t14`.`year`,
                  `t14`.`month`,
                  `t14`.`product_level`,
                  `t14`.`code`,
                  `t14`.`value`,
                  `t14`.`confidential_value`,
                  `t14`.`currency`,
                  `t14`.`flags`,
                  `t14`.`vintage`,
                  `t14`.`part`,
                  `t14`.`level_rank`,
                  `t14`.`_annual`,
                  `t14`.`_members_rank`,
                  MIN(`t14`.`_members_rank`) OVER (
                    PARTITION BY `t14`.`part`, `t14`.`source`, `t14`.`side`, `t14`.`flow`, `t14`.`year`
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS `_fewest`
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
                    CASE `t13`.`product_level`
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
                    `t13`.`month` IS NULL AS `_annual`,
                    0 AS `_members_rank`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        CASE
                          WHEN `t8`.`reporter` IN ('bilateral_stand_in_0000')
                          AND `t8`.`partner` IN ('bilateral_stand_in_0001')
                          THEN 'first'
                          WHEN `t8`.`reporter` IN ('bilateral_stand_in_0001')
                          AND `t8`.`partner` IN ('bilateral_stand_in_0000')
                          THEN 'second'
                          ELSE NULL
                        END AS `side`,
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
                        'sectors' AS `part`
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
                          `t6`.`vintage`
                        FROM (
                          SELECT
                            `t4`.`source`,
                            IF(`t4`.`_copy`, `t4`.`partner`, `t4`.`reporter`) AS `reporter`,
                            IF(`t4`.`_copy`, `t4`.`reporter`, `t4`.`partner`) AS `partner`,
                            IF(`t4`.`_copy`, REPLACE(`t4`.`flow`, 'export', 'import'), `t4`.`flow`) AS `flow`,
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
                            `t4`.`_copy`
                          FROM (
                            SELECT
                              `t2`.`source`,
                              `t2`.`reporter`,
                              `t2`.`partner`,
                              `t2`.`flow`,
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
                              EXPLODE(
                                IF(
                                  `t2`.`source` IN ('baci')
                                  AND (
                                    `t2`.`flow` = 'export'
                                  )
                                  AND CONTAINS(COALESCE(`t2`.`flags`, ''), 'reconciled'),
                                  ARRAY(FALSE, TRUE),
                                  ARRAY(FALSE)
                                )
                              ) AS `_copy`
                            FROM (
                              SELECT
                                *
                              FROM `rollup_products` AS `t0`
                              WHERE
                                `t0`.`classification` = 'CPA2'
                                AND `t0`.`year` IN (2022, 2023, 2024)
                                AND (
                                  (
                                    `t0`.`reporter` IN ('bilateral_stand_in_0000')
                                    AND `t0`.`partner` IN ('bilateral_stand_in_0001')
                                  )
                                  OR (
                                    `t0`.`reporter` IN ('bilateral_stand_in_0001')
                                    AND `t0`.`partner` IN ('bilateral_stand_in_0000')
                                  )
                                )
                            ) AS `t2`
                          ) AS `t4`
                        ) AS `t6`
                      ) AS `t8`
                      WHERE
                        CASE
                          WHEN `t8`.`reporter` IN ('bilateral_stand_in_0000')
                          AND `t8`.`partner` IN ('bilateral_stand_in_0001')
                          THEN 'first'
                          WHEN `t8`.`reporter` IN ('bilateral_stand_in_0001')
                          AND `t8`.`partner` IN ('bilateral_stand_in_0000')
                          THEN 'second'
                          ELSE NULL
                        END IS NOT NULL
                    ) AS `t11`
                    UNION ALL
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
                        CAST(NULL AS TINYINT) AS `month`,
                        'TOTAL' AS `product_level`,
                        CAST(NULL AS STRING) AS `code`,
                        `t10`.`value`,
                        `t10`.`confidential_value`,
                        `t10`.`currency`,
                        `t10`.`flags`,
                        `t10`.`vintage`,
                        'detail_views' AS `part`
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
                            `t7`.`source`,
                            `t7`.`reporter`,
                            `t7`.`partner`,
                            `t7`.`flow`,
                            `t7`.`year`,
                            `t7`.`month`,
                            `t7`.`product_level`,
                            `t7`.`value`,
                            `t7`.`confidential_value`,
                            `t7`.`quantity_kg`,
                            `t7`.`rows`,
                            `t7`.`currency`,
                            `t7`.`flags`,
                            `t7`.`vintage`
                          FROM (
                            SELECT
                              `t5`.`source`,
                              IF(`t5`.`_copy`, `t5`.`partner`, `t5`.`reporter`) AS `reporter`,
                              IF(`t5`.`_copy`, `t5`.`reporter`, `t5`.`partner`) AS `partner`,
                              IF(`t5`.`_copy`, REPLACE(`t5`.`flow`, 'export', 'import'), `t5`.`flow`) AS `flow`,
                              `t5`.`year`,
                              `t5`.`month`,
                              `t5`.`product_level`,
                              `t5`.`value`,
                              `t5`.`confidential_value`,
                              `t5`.`quantity_kg`,
                              `t5`.`rows`,
                              `t5`.`currency`,
                              `t5`.`flags`,
                              `t5`.`vintage`,
                              `t5`.`_copy`
                            FROM (
                              SELECT
                                `t3`.`source`,
                                `t3`.`reporter`,
                                `t3`.`partner`,
                                `t3`.`flow`,
                                `t3`.`year`,
                                `t3`.`month`,
                                `t3`.`product_level`,
                                `t3`.`value`,
                                `t3`.`confidential_value`,
                                `t3`.`quantity_kg`,
                                `t3`.`rows`,
                                `t3`.`currency`,
                                `t3`.`flags`,
                                `t3`.`vintage`,
                                EXPLODE(
                                  IF(
                                    `t3`.`source` IN ('baci')
                                    AND (
                                      `t3`.`flow` = 'export'
                                    )
                                    AND CONTAINS(COALESCE(`t3`.`flags`, ''), 'reconciled'),
                                    ARRAY(FALSE, TRUE),
                                    ARRAY(FALSE)
                                  )
                                ) AS `_copy`
                              FROM (
                                SELECT
                                  *
                                FROM `rollup_totals` AS `t1`
                                WHERE
                                  `t1`.`product_level` IN ('CN8', 'HS6')
                                  AND `t1`.`year` IN (2022, 2023, 2024)
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
                              ) AS `t3`
                            ) AS `t5`
                          ) AS `t7`
                        ) AS `t9`
                      ) AS `t10`
                      WHERE
                        `t10`.`side` IS NOT NULL
                    ) AS `t12`
                  ) AS `t13`
                ) AS `t14`
              ) AS `t15`
              WHERE
                `t15`.`_members_rank` = `t15`.`_fewest`
            ) AS `t16`
          ) AS `t17`
        ) AS `t18`
        WHERE
          `t18`.`level_rank` = `t18`.`_first_level`
          AND `t18`.`_annual` = `t18`.`_any_annual`
      ) AS `t19`
    ) AS `t20`
  ) AS `t21`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6,
    7
) AS `t22`
