-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'export', None, dialect='pyspark')
SELECT
  `t16`.`kind`,
  CAST(`t16`.`source` AS STRING) AS `source`,
  `t16`.`side`,
  `t16`.`year`,
  `t16`.`key`,
  `t16`.`rank`,
  `t16`.`value`,
  IF(`t16`.`kind` = 'line', `t16`.`codes`, CAST(NULL AS BIGINT)) AS `codes`,
  `t16`.`scheme`,
  `t16`.`member`,
  `t16`.`month`,
  `t16`.`currency`,
  `t16`.`vintage`,
  `t16`.`file_dated`,
  `t16`.`synthetic`,
  `t16`.`confidential`,
  `t16`.`unconverted`,
  CAST(`t16`.`reporters` AS BIGINT) AS `reporters`,
  CAST(NULL AS DOUBLE) AS `total`,
  `t16`.`before`,
  IF(`t16`.`kind` = 'line', `t16`.`codes_before`, CAST(NULL AS BIGINT)) AS `codes_before`
FROM (
  SELECT
    `t15`.`kind`,
    `t15`.`source`,
    `t15`.`side`,
    `t15`.`year`,
    `t15`.`key`,
    `t15`.`member`,
    `t15`.`month`,
    `t15`.`currency`,
    `t15`.`vintage`,
    `t15`.`file_dated`,
    SUM(`t15`.`value`) AS `value`,
    SUM(`t15`.`before`) AS `before`,
    COUNT(`t15`.`code`) AS `codes`,
    COUNT(`t15`.`before`) AS `codes_before`,
    MIN(`t15`.`rank`) AS `rank`,
    MAX(`t15`.`scheme`) AS `scheme`,
    SUM(`t15`.`confidential`) AS `confidential`,
    MAX(`t15`.`reporters`) AS `reporters`,
    BOOL_OR(`t15`.`synthetic`) AS `synthetic`,
    SUM(`t15`.`unconverted`) AS `unconverted`
  FROM (
    SELECT
      `t14`.`source`,
      `t14`.`side`,
      `t14`.`part`.`kind` AS `kind`,
      IF(`t14`.`part`.`kind` = 'held', `t14`.`part`.`year`, 2024) AS `year`,
      `t14`.`key`,
      `t14`.`part`.`member` AS `member`,
      `t14`.`part`.`month` AS `month`,
      IF(`t14`.`part`.`kind` = 'held', `t14`.`part`.`value`, `t14`.`now`) AS `value`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`scheme`, CAST(NULL AS STRING)) AS `scheme`,
      `t14`.`part`.`synthetic` AS `synthetic`,
      `t14`.`part`.`unconverted` AS `unconverted`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`before`, CAST(NULL AS DOUBLE)) AS `before`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`code`, CAST(NULL AS STRING)) AS `code`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`rank`, CAST(NULL AS BIGINT)) AS `rank`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`confidential`, CAST(NULL AS DOUBLE)) AS `confidential`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`reporters`, CAST(NULL AS TINYINT)) AS `reporters`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`currency`, CAST(NULL AS STRING)) AS `currency`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`vintage`, CAST(NULL AS STRING)) AS `vintage`,
      IF(`t14`.`part`.`kind` = 'line', `t14`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `file_dated`
    FROM (
      SELECT
        `t13`.`source`,
        `t13`.`side`,
        `t13`.`code`,
        `t13`.`now`,
        `t13`.`before`,
        `t13`.`scheme`,
        `t13`.`currency`,
        `t13`.`vintage`,
        `t13`.`file_dated`,
        `t13`.`confidential`,
        `t13`.`reporters`,
        `t13`.`cells`,
        `t13`.`traded`,
        `t13`.`hidden`,
        `t13`.`order`,
        `t13`.`key`,
        `t13`.`rank`,
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
            `t13`.`cells`
          )
        ) AS `part`
      FROM (
        SELECT
          `t12`.`source`,
          `t12`.`side`,
          `t12`.`code`,
          `t12`.`now`,
          `t12`.`before`,
          `t12`.`scheme`,
          `t12`.`currency`,
          `t12`.`vintage`,
          `t12`.`file_dated`,
          `t12`.`confidential`,
          `t12`.`reporters`,
          `t12`.`cells`,
          `t12`.`traded`,
          `t12`.`hidden`,
          `t12`.`order`,
          IF(`t12`.`traded`, `t12`.`code`, CAST(NULL AS STRING)) AS `key`,
          IF(
            `t12`.`traded` AND NOT (
              `t12`.`hidden`
            ) AND (
              `t12`.`code` <> 'other'
            ),
            `t12`.`order` + 1,
            CAST(NULL AS BIGINT)
          ) AS `rank`
        FROM (
          SELECT
            `t11`.`source`,
            `t11`.`side`,
            `t11`.`code`,
            `t11`.`now`,
            `t11`.`before`,
            `t11`.`scheme`,
            `t11`.`currency`,
            `t11`.`vintage`,
            `t11`.`file_dated`,
            `t11`.`confidential`,
            `t11`.`reporters`,
            `t11`.`cells`,
            `t11`.`now` IS NOT NULL AND NOT ISNAN(`t11`.`now`) AS `traded`,
            CONTAINS(`t11`.`code`, 'X') AS `hidden`,
            ROW_NUMBER() OVER (
              PARTITION BY `t11`.`source`, `t11`.`side`
              ORDER BY NOT (
                `t11`.`now` IS NOT NULL AND NOT ISNAN(`t11`.`now`)
              )
              OR CONTAINS(`t11`.`code`, 'X') ASC NULLS LAST, `t11`.`now` DESC, `t11`.`code` ASC NULLS LAST
            ) - 1 AS `order`
          FROM (
            SELECT
              `t10`.`source`,
              `t10`.`side`,
              `t10`.`code`,
              SUM(IF(`t10`.`year` = 2024, `t10`.`value`, NULL)) AS `now`,
              SUM(IF(`t10`.`year` = 2023, `t10`.`value`, NULL)) AS `before`,
              MAX(IF(`t10`.`year` = 2024, `t10`.`product_scheme`, NULL)) AS `scheme`,
              MIN(IF(`t10`.`year` = 2024, `t10`.`currency`, NULL)) AS `currency`,
              MAX(IF(`t10`.`year` = 2024, `t10`.`vintage`, NULL)) AS `vintage`,
              BOOL_OR(
                IF(`t10`.`year` = 2024, CONTAINS(COALESCE(`t10`.`flags`, ''), 'file_dated'), NULL)
              ) AS `file_dated`,
              SUM(IF(`t10`.`year` = 2024, `t10`.`confidential_value`, NULL)) AS `confidential`,
              1 AS `reporters`,
              COLLECT_LIST(
                STRUCT(
                  'held' AS `kind`,
                  CAST(`t10`.`year` AS BIGINT) AS `year`,
                  CAST(`t10`.`reporter` AS STRING) AS `member`,
                  CAST(`t10`.`month` AS BIGINT) AS `month`,
                  CAST(`t10`.`value` AS DOUBLE) AS `value`,
                  CONTAINS(COALESCE(`t10`.`flags`, ''), 'synthetic') AS `synthetic`,
                  `t10`.`unconverted` AS `unconverted`
                )
              ) AS `cells`
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
                `t9`.`level_rank`,
                CAST(FALSE AS BIGINT) AS `unconverted`
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
                  `t8`.`side`,
                  `t8`.`level_rank`
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
                      `t6`.`level_rank`,
                      NOT (
                        BOOL_OR(`t6`.`month` IS NULL) OVER (
                          PARTITION BY `t6`.`source`, `t6`.`side`, `t6`.`flow`, `t6`.`year`, `t6`.`reporter`, `t6`.`partner`
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        )
                      ) AS `_monthly_only`,
                      MIN(`t6`.`level_rank`) OVER (
                        PARTITION BY `t6`.`source`, `t6`.`side`, `t6`.`flow`, `t6`.`year`, `t6`.`reporter`, `t6`.`partner`
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS `_top_level`
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
                        END AS `level_rank`
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
                                      ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t0`.`product`)), 6),
                                      'X'
                                    ),
                                    `t0`.`product`,
                                    SUBSTRING(`t0`.`product`, IF((
                                      0 + 1
                                    ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t0`.`product`)), 6)
                                  ) AS `code`,
                                  `t0`.`product_scheme`,
                                  `t0`.`value`,
                                  IF(CONTAINS(COALESCE(`t0`.`flags`, ''), 'confidential'), `t0`.`value`, 0.0) AS `confidential_value`,
                                  `t0`.`currency`,
                                  `t0`.`flags`,
                                  `t0`.`vintage`
                                FROM `flows` AS `t0`
                                WHERE
                                  CASE
                                    WHEN `t0`.`product_scheme` = 'TOTAL'
                                    THEN 'TOTAL'
                                    WHEN STARTSWITH(`t0`.`product_scheme`, 'CN')
                                    THEN 'CN8'
                                    WHEN `t0`.`product_scheme` RLIKE '^HS[0-9]{4}$'
                                    THEN 'HS6'
                                    ELSE `t0`.`product_scheme`
                                  END IN ('CN8', 'HS6')
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
                    ) AS `t6`
                  ) AS `t7`
                  WHERE
                    (
                      (
                        `t7`.`month` IS NULL
                      ) OR `t7`.`_monthly_only`
                    )
                    AND `t7`.`level_rank` = `t7`.`_top_level`
                ) AS `t8`
              ) AS `t9`
              WHERE
                (
                  (
                    `t9`.`side` = 'first'
                  ) AND (
                    `t9`.`flow` = 'export'
                  )
                )
                OR (
                  (
                    `t9`.`side` = 'second'
                  ) AND (
                    `t9`.`flow` = 'import'
                  )
                )
            ) AS `t10`
            GROUP BY
              1,
              2,
              3
          ) AS `t11`
        ) AS `t12`
      ) AS `t13`
    ) AS `t14`
    WHERE
      (
        `t14`.`part`.`kind` = 'held'
      )
      OR (
        (
          `t14`.`part`.`kind` = 'line'
        ) AND `t14`.`traded`
      )
  ) AS `t15`
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
) AS `t16`
