-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 8, 'export', 20, dialect='pyspark')
SELECT
  `t22`.`kind`,
  CAST(`t22`.`source` AS STRING) AS `source`,
  `t22`.`side`,
  `t22`.`year`,
  `t22`.`key`,
  `t22`.`rank`,
  `t22`.`value`,
  IF(`t22`.`kind` = 'line', `t22`.`codes`, CAST(NULL AS BIGINT)) AS `codes`,
  `t22`.`scheme`,
  `t22`.`member`,
  `t22`.`month`,
  `t22`.`currency`,
  `t22`.`vintage`,
  `t22`.`file_dated`,
  `t22`.`synthetic`,
  `t22`.`confidential`,
  `t22`.`unconverted`,
  CAST(`t22`.`reporters` AS BIGINT) AS `reporters`,
  CAST(NULL AS DOUBLE) AS `total`,
  `t22`.`before`,
  IF(`t22`.`kind` = 'line', `t22`.`codes_before`, CAST(NULL AS BIGINT)) AS `codes_before`
FROM (
  SELECT
    `t21`.`kind`,
    `t21`.`source`,
    `t21`.`side`,
    `t21`.`year`,
    `t21`.`key`,
    `t21`.`member`,
    `t21`.`month`,
    `t21`.`currency`,
    `t21`.`vintage`,
    `t21`.`file_dated`,
    SUM(`t21`.`value`) AS `value`,
    SUM(`t21`.`before`) AS `before`,
    COUNT(`t21`.`code`) AS `codes`,
    COUNT(`t21`.`before`) AS `codes_before`,
    MIN(`t21`.`rank`) AS `rank`,
    ARRAY_MAX(COLLECT_LIST(`t21`.`scheme`)) AS `scheme`,
    SUM(`t21`.`confidential`) AS `confidential`,
    MAX(`t21`.`reporters`) AS `reporters`,
    BOOL_OR(`t21`.`synthetic`) AS `synthetic`,
    SUM(`t21`.`unconverted`) AS `unconverted`
  FROM (
    SELECT
      `t20`.`source`,
      `t20`.`side`,
      `t20`.`part`.`kind` AS `kind`,
      IF(`t20`.`part`.`kind` = 'held', `t20`.`part`.`year`, 2024) AS `year`,
      `t20`.`key`,
      `t20`.`part`.`member` AS `member`,
      `t20`.`part`.`month` AS `month`,
      IF(`t20`.`part`.`kind` = 'held', `t20`.`part`.`value`, `t20`.`now`) AS `value`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`scheme`, CAST(NULL AS STRING)) AS `scheme`,
      `t20`.`part`.`synthetic` AS `synthetic`,
      `t20`.`part`.`unconverted` AS `unconverted`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`before`, CAST(NULL AS DOUBLE)) AS `before`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`code`, CAST(NULL AS STRING)) AS `code`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`rank`, CAST(NULL AS BIGINT)) AS `rank`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`confidential`, CAST(NULL AS DOUBLE)) AS `confidential`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`reporters`, CAST(NULL AS TINYINT)) AS `reporters`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`currency`, CAST(NULL AS STRING)) AS `currency`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`vintage`, CAST(NULL AS STRING)) AS `vintage`,
      IF(`t20`.`part`.`kind` = 'line', `t20`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `file_dated`
    FROM (
      SELECT
        `t19`.`source`,
        `t19`.`side`,
        `t19`.`code`,
        `t19`.`now`,
        `t19`.`before`,
        `t19`.`scheme`,
        `t19`.`currency`,
        `t19`.`vintage`,
        `t19`.`file_dated`,
        `t19`.`confidential`,
        `t19`.`reporters`,
        `t19`.`cells`,
        `t19`.`traded`,
        `t19`.`hidden`,
        `t19`.`order`,
        `t19`.`key`,
        `t19`.`rank`,
        EXPLODE(
          CONCAT(
            ARRAY(
              STRUCT(
                'line' AS `kind`,
                CAST(NULL AS BIGINT) AS `year`,
                CAST(NULL AS STRING) AS `member`,
                CAST(NULL AS BIGINT) AS `month`,
                CAST(NULL AS DOUBLE) AS `value`,
                CAST(NULL AS BOOLEAN) AS `synthetic`,
                CAST(NULL AS BIGINT) AS `unconverted`
              )
            ),
            `t19`.`cells`
          )
        ) AS `part`
      FROM (
        SELECT
          `t18`.`source`,
          `t18`.`side`,
          `t18`.`code`,
          `t18`.`now`,
          `t18`.`before`,
          `t18`.`scheme`,
          `t18`.`currency`,
          `t18`.`vintage`,
          `t18`.`file_dated`,
          `t18`.`confidential`,
          `t18`.`reporters`,
          `t18`.`cells`,
          `t18`.`traded`,
          `t18`.`hidden`,
          `t18`.`order`,
          IF(
            `t18`.`traded`,
            CASE
              WHEN `t18`.`hidden` OR (
                `t18`.`order` < 20
              )
              THEN `t18`.`code`
              ELSE 'other'
            END,
            CAST(NULL AS STRING)
          ) AS `key`,
          IF(
            `t18`.`traded`
            AND NOT (
              `t18`.`hidden`
            )
            AND (
              CASE
                WHEN `t18`.`hidden` OR (
                  `t18`.`order` < 20
                )
                THEN `t18`.`code`
                ELSE 'other'
              END <> 'other'
            ),
            `t18`.`order` + 1,
            CAST(NULL AS BIGINT)
          ) AS `rank`
        FROM (
          SELECT
            `t17`.`source`,
            `t17`.`side`,
            `t17`.`code`,
            `t17`.`now`,
            `t17`.`before`,
            `t17`.`scheme`,
            `t17`.`currency`,
            `t17`.`vintage`,
            `t17`.`file_dated`,
            `t17`.`confidential`,
            `t17`.`reporters`,
            `t17`.`cells`,
            `t17`.`now` IS NOT NULL AND NOT ISNAN(`t17`.`now`) AS `traded`,
            CONTAINS(`t17`.`code`, 'X') AS `hidden`,
            ROW_NUMBER() OVER (
              PARTITION BY `t17`.`source`, `t17`.`side`
              ORDER BY NOT (
                `t17`.`now` IS NOT NULL AND NOT ISNAN(`t17`.`now`)
              )
              OR CONTAINS(`t17`.`code`, 'X') ASC NULLS LAST, `t17`.`now` DESC, `t17`.`code` ASC NULLS LAST
            ) - 1 AS `order`
          FROM (
            SELECT
              `t16`.`source`,
              `t16`.`side`,
              `t16`.`code`,
              SUM(IF(`t16`.`year` = 2024, `t16`.`value`, NULL)) AS `now`,
              SUM(IF(`t16`.`year` = 2023, `t16`.`value`, NULL)) AS `before`,
              MAX(IF(`t16`.`year` = 2024, `t16`.`product_scheme`, NULL)) AS `scheme`,
              MIN(IF(`t16`.`year` = 2024, `t16`.`currency`, NULL)) AS `currency`,
              MAX(IF(`t16`.`year` = 2024, `t16`.`vintage`, NULL)) AS `vintage`,
              BOOL_OR(IF(`t16`.`year` = 2024, `t16`.`file_dated`, NULL)) AS `file_dated`,
              SUM(IF(`t16`.`year` = 2024, `t16`.`confidential_value`, NULL)) AS `confidential`,
              1 AS `reporters`,
              COLLECT_LIST(
                STRUCT(
                  'held' AS `kind`,
                  CAST(`t16`.`year` AS BIGINT) AS `year`,
                  CAST(`t16`.`reporter` AS STRING) AS `member`,
                  CAST(`t16`.`month` AS BIGINT) AS `month`,
                  CAST(`t16`.`value` AS DOUBLE) AS `value`,
                  `t16`.`synthetic` AS `synthetic`,
                  `t16`.`unconverted` AS `unconverted`
                )
              ) AS `cells`
            FROM (
              SELECT
                `t15`.`source`,
                `t15`.`side`,
                `t15`.`code`,
                `t15`.`year`,
                `t15`.`reporter`,
                `t15`.`month`,
                `t15`.`value`,
                `t15`.`confidential_value`,
                CAST(FALSE AS BIGINT) AS `unconverted`,
                `t15`.`product_scheme`,
                `t15`.`currency`,
                `t15`.`vintage`,
                `t15`.`synthetic`,
                `t15`.`file_dated`
              FROM (
                SELECT
                  `t14`.`source`,
                  `t14`.`reporter`,
                  `t14`.`partner`,
                  `t14`.`flow`,
                  `t14`.`year`,
                  `t14`.`month`,
                  `t14`.`product_level`,
                  `t14`.`code`,
                  `t14`.`product_scheme`,
                  `t14`.`value`,
                  `t14`.`confidential_value`,
                  `t14`.`currency`,
                  `t14`.`vintage`,
                  `t14`.`side`,
                  `t14`.`synthetic`,
                  `t14`.`file_dated`,
                  `t14`.`level_rank`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t12`.`source`,
                      `t12`.`reporter`,
                      `t12`.`partner`,
                      `t12`.`flow`,
                      `t12`.`year`,
                      `t12`.`month`,
                      `t12`.`product_level`,
                      `t12`.`code`,
                      `t12`.`product_scheme`,
                      `t12`.`value`,
                      `t12`.`confidential_value`,
                      `t12`.`currency`,
                      `t12`.`vintage`,
                      `t12`.`side`,
                      `t12`.`synthetic`,
                      `t12`.`file_dated`,
                      `t12`.`level_rank`,
                      `t12`.`_annual`,
                      MIN(`t12`.`level_rank`) OVER (
                        PARTITION BY `t12`.`source`, `t12`.`side`, `t12`.`year`, `t12`.`reporter`, `t12`.`partner`
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS `_first_level`,
                      BOOL_OR(`t12`.`_annual`) OVER (
                        PARTITION BY `t12`.`source`, `t12`.`side`, `t12`.`year`, `t12`.`reporter`, `t12`.`partner`
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS `_any_annual`
                    FROM (
                      SELECT
                        `t11`.`source`,
                        `t11`.`reporter`,
                        `t11`.`partner`,
                        `t11`.`flow`,
                        `t11`.`year`,
                        `t11`.`month`,
                        `t11`.`product_level`,
                        `t11`.`code`,
                        `t11`.`product_scheme`,
                        `t11`.`value`,
                        `t11`.`confidential_value`,
                        `t11`.`currency`,
                        `t11`.`vintage`,
                        `t11`.`side`,
                        `t11`.`synthetic`,
                        `t11`.`file_dated`,
                        CASE `t11`.`product_level`
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
                        `t11`.`month` IS NULL AS `_annual`
                      FROM (
                        SELECT
                          `t10`.`source`,
                          `t10`.`reporter`,
                          `t10`.`partner`,
                          `t10`.`flow`,
                          `t10`.`year`,
                          `t10`.`month`,
                          `t10`.`product_level`,
                          `t10`.`code`,
                          `t10`.`product_scheme`,
                          `t10`.`value`,
                          `t10`.`confidential_value`,
                          `t10`.`currency`,
                          `t10`.`vintage`,
                          `t10`.`side`,
                          `t10`.`synthetic`,
                          `t10`.`file_dated`
                        FROM (
                          SELECT
                            *
                          FROM (
                            SELECT
                              `t8`.`source`,
                              `t8`.`reporter`,
                              `t8`.`partner`,
                              `t8`.`flow`,
                              `t8`.`year`,
                              `t8`.`month`,
                              `t8`.`product_level`,
                              `t8`.`code`,
                              `t8`.`product_scheme`,
                              `t8`.`value`,
                              `t8`.`confidential_value`,
                              `t8`.`currency`,
                              `t8`.`vintage`,
                              `t8`.`side`,
                              `t8`.`synthetic`,
                              `t8`.`file_dated`,
                              `t8`.`_members_rank`,
                              CASE
                                WHEN `t8`.`year` = 2023
                                THEN MIN(IF(`t8`.`year` = 2023, `t8`.`_members_rank`, NULL)) OVER (
                                  PARTITION BY `t8`.`source`, `t8`.`side`
                                  ORDER BY `t8`.`year` ASC, `t8`.`reporter` ASC, `t8`.`partner` ASC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                )
                                WHEN `t8`.`year` = 2024
                                THEN MIN(IF(`t8`.`year` = 2024, `t8`.`_members_rank`, NULL)) OVER (
                                  PARTITION BY `t8`.`source`, `t8`.`side`
                                  ORDER BY `t8`.`year` ASC, `t8`.`reporter` ASC, `t8`.`partner` ASC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                )
                                ELSE NULL
                              END AS `_fewest`
                            FROM (
                              SELECT
                                `t7`.`source`,
                                `t7`.`reporter`,
                                `t7`.`partner`,
                                `t7`.`flow`,
                                `t7`.`year`,
                                `t7`.`month`,
                                `t7`.`product_level`,
                                `t7`.`code`,
                                `t7`.`product_scheme`,
                                `t7`.`value`,
                                `t7`.`confidential_value`,
                                `t7`.`currency`,
                                `t7`.`vintage`,
                                `t7`.`side`,
                                `t7`.`synthetic`,
                                `t7`.`file_dated`,
                                0 AS `_members_rank`
                              FROM (
                                SELECT
                                  `t6`.`source`,
                                  `t6`.`reporter`,
                                  `t6`.`partner`,
                                  `t6`.`flow`,
                                  `t6`.`year`,
                                  `t6`.`month`,
                                  `t6`.`product_level`,
                                  `t6`.`code`,
                                  `t6`.`product_scheme`,
                                  `t6`.`value`,
                                  `t6`.`confidential_value`,
                                  `t6`.`currency`,
                                  `t6`.`vintage`,
                                  `t6`.`side`,
                                  `t6`.`synthetic`,
                                  `t6`.`file_dated`
                                FROM (
                                  SELECT
                                    `t5`.`source`,
                                    `t5`.`reporter`,
                                    `t5`.`partner`,
                                    `t5`.`flow`,
                                    `t5`.`year`,
                                    `t5`.`month`,
                                    `t5`.`product_level`,
                                    `t5`.`code`,
                                    `t5`.`product_scheme`,
                                    `t5`.`value`,
                                    `t5`.`confidential_value`,
                                    `t5`.`currency`,
                                    `t5`.`flags`,
                                    `t5`.`vintage`,
                                    `t5`.`side`,
                                    CONTAINS(COALESCE(`t5`.`flags`, ''), 'synthetic') AS `synthetic`,
                                    CONTAINS(COALESCE(`t5`.`flags`, ''), 'file_dated') AS `file_dated`
                                  FROM (
                                    SELECT
                                      `t4`.`source`,
                                      `t4`.`reporter`,
                                      `t4`.`partner`,
                                      `t4`.`flow`,
                                      `t4`.`year`,
                                      `t4`.`month`,
                                      `t4`.`product_level`,
                                      `t4`.`code`,
                                      `t4`.`product_scheme`,
                                      `t4`.`value`,
                                      `t4`.`confidential_value`,
                                      `t4`.`currency`,
                                      `t4`.`flags`,
                                      `t4`.`vintage`,
                                      CASE
                                        WHEN `t4`.`reporter` IN ('bilateral_stand_in_0000')
                                        AND `t4`.`partner` IN ('bilateral_stand_in_0001')
                                        THEN 'first'
                                        WHEN `t4`.`reporter` IN ('bilateral_stand_in_0001')
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
                                        `t3`.`code`,
                                        `t3`.`product_scheme`,
                                        `t3`.`value`,
                                        `t3`.`confidential_value`,
                                        `t3`.`currency`,
                                        `t3`.`flags`,
                                        `t3`.`vintage`
                                      FROM (
                                        SELECT
                                          `t2`.`source`,
                                          IF(`t2`.`_copy`, `t2`.`partner`, `t2`.`reporter`) AS `reporter`,
                                          IF(`t2`.`_copy`, `t2`.`reporter`, `t2`.`partner`) AS `partner`,
                                          CAST(IF(`t2`.`_copy`, REPLACE(`t2`.`flow`, 'export', 'import'), `t2`.`flow`) AS STRING) AS `flow`,
                                          `t2`.`year`,
                                          `t2`.`month`,
                                          `t2`.`product_level`,
                                          `t2`.`code`,
                                          `t2`.`product_scheme`,
                                          `t2`.`value`,
                                          `t2`.`confidential_value`,
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
                                            `t1`.`code`,
                                            `t1`.`product_scheme`,
                                            `t1`.`value`,
                                            `t1`.`confidential_value`,
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
                                              `t0`.`source`,
                                              `t0`.`reporter`,
                                              `t0`.`partner`,
                                              `t0`.`flow`,
                                              `t0`.`year`,
                                              `t0`.`month`,
                                              CASE
                                                WHEN `t0`.`product_scheme` = 'TOTAL'
                                                THEN 'TOTAL'
                                                WHEN STARTSWITH(`t0`.`product_scheme`, 'CN')
                                                THEN 'CN8'
                                                WHEN `t0`.`product_scheme` RLIKE '^HS[0-9]{4}$'
                                                THEN 'HS6'
                                                ELSE `t0`.`product_scheme`
                                              END AS `product_level`,
                                              IF(
                                                CONTAINS(
                                                  SUBSTRING(`t0`.`product`, IF((
                                                    0 + 1
                                                  ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t0`.`product`)), 8),
                                                  'X'
                                                ),
                                                `t0`.`product`,
                                                SUBSTRING(`t0`.`product`, IF((
                                                  0 + 1
                                                ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t0`.`product`)), 8)
                                              ) AS `code`,
                                              `t0`.`product_scheme`,
                                              `t0`.`value`,
                                              IF(CONTAINS(COALESCE(`t0`.`flags`, ''), 'confidential'), `t0`.`value`, 0.0) AS `confidential_value`,
                                              `t0`.`currency`,
                                              `t0`.`flags`,
                                              `t0`.`vintage`
                                            FROM `flows` AS `t0`
                                            WHERE
                                              `t0`.`year` IN (2023, 2024)
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
                                          ) AS `t1`
                                        ) AS `t2`
                                      ) AS `t3`
                                    ) AS `t4`
                                  ) AS `t5`
                                  WHERE
                                    `t5`.`side` IS NOT NULL
                                    AND (
                                      (
                                        (
                                          `t5`.`side` = 'first'
                                        ) AND (
                                          `t5`.`flow` = 'export'
                                        )
                                      )
                                      OR (
                                        (
                                          `t5`.`side` = 'second'
                                        ) AND (
                                          `t5`.`flow` = 'import'
                                        )
                                      )
                                    )
                                    AND `t5`.`product_level` IN ('CN8')
                                ) AS `t6`
                              ) AS `t7`
                            ) AS `t8`
                          ) AS `t9`
                          WHERE
                            `t9`.`_members_rank` = `t9`.`_fewest`
                        ) AS `t10`
                      ) AS `t11`
                    ) AS `t12`
                  ) AS `t13`
                  WHERE
                    `t13`.`level_rank` = `t13`.`_first_level`
                    AND `t13`.`_annual` = `t13`.`_any_annual`
                ) AS `t14`
              ) AS `t15`
            ) AS `t16`
            GROUP BY
              1,
              2,
              3
          ) AS `t17`
        ) AS `t18`
      ) AS `t19`
    ) AS `t20`
    WHERE
      (
        `t20`.`part`.`kind` = 'held'
      )
      OR (
        (
          `t20`.`part`.`kind` = 'line'
        ) AND `t20`.`traded`
      )
  ) AS `t21`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10
) AS `t22`
