-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 2, 'export', 20, dialect='pyspark')
SELECT
  `t20`.`kind`,
  `t20`.`source`,
  `t20`.`side`,
  `t20`.`year`,
  `t20`.`key`,
  `t20`.`rank`,
  `t20`.`value`,
  IF(`t20`.`kind` = 'line', `t20`.`codes`, CAST(NULL AS BIGINT)) AS `codes`,
  `t20`.`scheme`,
  `t20`.`member`,
  `t20`.`month`,
  `t20`.`currency`,
  `t20`.`vintage`,
  `t20`.`file_dated`,
  `t20`.`synthetic`,
  `t20`.`confidential`,
  `t20`.`unconverted`,
  CAST(`t20`.`reporters` AS BIGINT) AS `reporters`,
  CAST(NULL AS DOUBLE) AS `total`,
  `t20`.`before`,
  IF(`t20`.`kind` = 'line', `t20`.`codes_before`, CAST(NULL AS BIGINT)) AS `codes_before`
FROM (
  SELECT
    `t19`.`kind`,
    `t19`.`source`,
    `t19`.`side`,
    `t19`.`year`,
    `t19`.`key`,
    `t19`.`member`,
    `t19`.`month`,
    `t19`.`currency`,
    `t19`.`vintage`,
    `t19`.`file_dated`,
    SUM(`t19`.`value`) AS `value`,
    SUM(`t19`.`before`) AS `before`,
    COUNT(`t19`.`code`) AS `codes`,
    COUNT(`t19`.`before`) AS `codes_before`,
    MIN(`t19`.`rank`) AS `rank`,
    ARRAY_MAX(COLLECT_LIST(`t19`.`scheme`)) AS `scheme`,
    SUM(`t19`.`confidential`) AS `confidential`,
    MAX(`t19`.`reporters`) AS `reporters`,
    BOOL_OR(`t19`.`synthetic`) AS `synthetic`,
    SUM(`t19`.`unconverted`) AS `unconverted`
  FROM (
    SELECT
      `t18`.`source`,
      `t18`.`side`,
      `t18`.`part`.`kind` AS `kind`,
      IF(`t18`.`part`.`kind` = 'held', `t18`.`part`.`year`, 2024) AS `year`,
      `t18`.`key`,
      `t18`.`part`.`member` AS `member`,
      `t18`.`part`.`month` AS `month`,
      IF(`t18`.`part`.`kind` = 'held', `t18`.`part`.`value`, `t18`.`now`) AS `value`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`scheme`, CAST(NULL AS STRING)) AS `scheme`,
      `t18`.`part`.`synthetic` AS `synthetic`,
      `t18`.`part`.`unconverted` AS `unconverted`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`before`, CAST(NULL AS DOUBLE)) AS `before`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`code`, CAST(NULL AS STRING)) AS `code`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`rank`, CAST(NULL AS BIGINT)) AS `rank`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`confidential`, CAST(NULL AS DOUBLE)) AS `confidential`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`reporters`, CAST(NULL AS TINYINT)) AS `reporters`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`currency`, CAST(NULL AS STRING)) AS `currency`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`vintage`, CAST(NULL AS STRING)) AS `vintage`,
      IF(`t18`.`part`.`kind` = 'line', `t18`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `file_dated`
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
        `t17`.`traded`,
        `t17`.`hidden`,
        `t17`.`order`,
        `t17`.`key`,
        `t17`.`rank`,
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
            `t17`.`cells`
          )
        ) AS `part`
      FROM (
        SELECT
          `t16`.`source`,
          `t16`.`side`,
          `t16`.`code`,
          `t16`.`now`,
          `t16`.`before`,
          `t16`.`scheme`,
          `t16`.`currency`,
          `t16`.`vintage`,
          `t16`.`file_dated`,
          `t16`.`confidential`,
          `t16`.`reporters`,
          `t16`.`cells`,
          `t16`.`traded`,
          `t16`.`hidden`,
          `t16`.`order`,
          IF(
            `t16`.`traded`,
            CASE
              WHEN `t16`.`hidden` OR (
                `t16`.`order` < 20
              )
              THEN `t16`.`code`
              ELSE 'other'
            END,
            CAST(NULL AS STRING)
          ) AS `key`,
          IF(
            `t16`.`traded`
            AND NOT (
              `t16`.`hidden`
            )
            AND (
              CASE
                WHEN `t16`.`hidden` OR (
                  `t16`.`order` < 20
                )
                THEN `t16`.`code`
                ELSE 'other'
              END <> 'other'
            ),
            `t16`.`order` + 1,
            CAST(NULL AS BIGINT)
          ) AS `rank`
        FROM (
          SELECT
            `t15`.`source`,
            `t15`.`side`,
            `t15`.`code`,
            `t15`.`now`,
            `t15`.`before`,
            `t15`.`scheme`,
            `t15`.`currency`,
            `t15`.`vintage`,
            `t15`.`file_dated`,
            `t15`.`confidential`,
            `t15`.`reporters`,
            `t15`.`cells`,
            `t15`.`now` IS NOT NULL AND NOT ISNAN(`t15`.`now`) AS `traded`,
            CONTAINS(`t15`.`code`, 'X') AS `hidden`,
            ROW_NUMBER() OVER (
              PARTITION BY `t15`.`source`, `t15`.`side`
              ORDER BY NOT (
                `t15`.`now` IS NOT NULL AND NOT ISNAN(`t15`.`now`)
              )
              OR CONTAINS(`t15`.`code`, 'X') ASC NULLS LAST, `t15`.`now` DESC, `t15`.`code` ASC NULLS LAST
            ) - 1 AS `order`
          FROM (
            SELECT
              `t14`.`source`,
              `t14`.`side`,
              `t14`.`code`,
              SUM(IF(`t14`.`year` = 2024, `t14`.`value`, NULL)) AS `now`,
              SUM(IF(`t14`.`year` = 2023, `t14`.`value`, NULL)) AS `before`,
              MAX(IF(`t14`.`year` = 2024, `t14`.`product_scheme`, NULL)) AS `scheme`,
              MIN(IF(`t14`.`year` = 2024, `t14`.`currency`, NULL)) AS `currency`,
              MAX(IF(`t14`.`year` = 2024, `t14`.`vintage`, NULL)) AS `vintage`,
              BOOL_OR(IF(`t14`.`year` = 2024, `t14`.`file_dated`, NULL)) AS `file_dated`,
              SUM(IF(`t14`.`year` = 2024, `t14`.`confidential_value`, NULL)) AS `confidential`,
              1 AS `reporters`,
              COLLECT_LIST(
                STRUCT(
                  'held' AS `kind`,
                  CAST(`t14`.`year` AS BIGINT) AS `year`,
                  `t14`.`reporter` AS `member`,
                  CAST(`t14`.`month` AS BIGINT) AS `month`,
                  `t14`.`value` AS `value`,
                  `t14`.`synthetic` AS `synthetic`,
                  `t14`.`unconverted` AS `unconverted`
                )
              ) AS `cells`
            FROM (
              SELECT
                `t13`.`source`,
                `t13`.`side`,
                `t13`.`code`,
                `t13`.`year`,
                `t13`.`reporter`,
                `t13`.`month`,
                `t13`.`value`,
                `t13`.`confidential_value`,
                CAST(FALSE AS BIGINT) AS `unconverted`,
                `t13`.`product_scheme`,
                `t13`.`currency`,
                `t13`.`vintage`,
                CONTAINS(COALESCE(`t13`.`flags`, ''), 'synthetic') AS `synthetic`,
                CONTAINS(COALESCE(`t13`.`flags`, ''), 'file_dated') AS `file_dated`
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
                      `t10`.`code`,
                      `t10`.`product_scheme`,
                      `t10`.`value`,
                      `t10`.`confidential_value`,
                      `t10`.`currency`,
                      `t10`.`flags`,
                      `t10`.`vintage`,
                      `t10`.`side`,
                      `t10`.`level_rank`,
                      `t10`.`_annual`,
                      MIN(`t10`.`level_rank`) OVER (
                        PARTITION BY `t10`.`source`, `t10`.`side`, `t10`.`flow`, `t10`.`year`, `t10`.`reporter`, `t10`.`partner`
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS `_first_level`,
                      BOOL_OR(`t10`.`_annual`) OVER (
                        PARTITION BY `t10`.`source`, `t10`.`side`, `t10`.`flow`, `t10`.`year`, `t10`.`reporter`, `t10`.`partner`
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS `_any_annual`
                    FROM (
                      SELECT
                        `t9`.`source`,
                        `t9`.`reporter`,
                        `t9`.`partner`,
                        `t9`.`flow`,
                        `t9`.`year`,
                        `t9`.`month`,
                        `t9`.`product_level`,
                        `t9`.`code`,
                        `t9`.`product_scheme`,
                        `t9`.`value`,
                        `t9`.`confidential_value`,
                        `t9`.`currency`,
                        `t9`.`flags`,
                        `t9`.`vintage`,
                        `t9`.`side`,
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
                        `t9`.`month` IS NULL AS `_annual`
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
                          `t8`.`flags`,
                          `t8`.`vintage`,
                          `t8`.`side`
                        FROM (
                          SELECT
                            *
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
                              `t6`.`flags`,
                              `t6`.`vintage`,
                              `t6`.`side`,
                              `t6`.`_members_rank`,
                              CASE
                                WHEN `t6`.`year` = 2023
                                THEN MIN(IF(`t6`.`year` = 2023, `t6`.`_members_rank`, NULL)) OVER (
                                  PARTITION BY `t6`.`source`, `t6`.`side`
                                  ORDER BY `t6`.`flow` ASC, `t6`.`year` ASC, `t6`.`reporter` ASC, `t6`.`partner` ASC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                )
                                WHEN `t6`.`year` = 2024
                                THEN MIN(IF(`t6`.`year` = 2024, `t6`.`_members_rank`, NULL)) OVER (
                                  PARTITION BY `t6`.`source`, `t6`.`side`
                                  ORDER BY `t6`.`flow` ASC, `t6`.`year` ASC, `t6`.`reporter` ASC, `t6`.`partner` ASC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                )
                                ELSE NULL
                              END AS `_fewest`
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
                                0 AS `_members_rank`
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
                                      IF(`t2`.`_copy`, REPLACE(`t2`.`flow`, 'export', 'import'), `t2`.`flow`) AS `flow`,
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
                                          `t0`.`product_level`,
                                          `t0`.`code`,
                                          CAST(NULL AS STRING) AS `product_scheme`,
                                          `t0`.`value`,
                                          `t0`.`confidential_value`,
                                          `t0`.`currency`,
                                          `t0`.`flags`,
                                          `t0`.`vintage`
                                        FROM `rollup_products` AS `t0`
                                        WHERE
                                          `t0`.`classification` = 'HS2'
                                          AND `t0`.`year` IN (2023, 2024)
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
                            ) AS `t6`
                          ) AS `t7`
                          WHERE
                            `t7`.`_members_rank` = `t7`.`_fewest`
                        ) AS `t8`
                      ) AS `t9`
                    ) AS `t10`
                  ) AS `t11`
                  WHERE
                    `t11`.`level_rank` = `t11`.`_first_level`
                    AND `t11`.`_annual` = `t11`.`_any_annual`
                ) AS `t12`
              ) AS `t13`
            ) AS `t14`
            GROUP BY
              1,
              2,
              3
          ) AS `t15`
        ) AS `t16`
      ) AS `t17`
    ) AS `t18`
    WHERE
      (
        `t18`.`part`.`kind` = 'held'
      )
      OR (
        (
          `t18`.`part`.`kind` = 'line'
        ) AND `t18`.`traded`
      )
  ) AS `t19`
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
) AS `t20`
