-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'export', None, dialect='pyspark')
WITH `t6` AS (
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
    END AS `level_rank`,
    `t5`.`month` IS NULL AS `_annual`
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
)
SELECT
  `t19`.`kind`,
  `t19`.`source`,
  `t19`.`side`,
  `t19`.`year`,
  `t19`.`key`,
  `t19`.`rank`,
  `t19`.`value`,
  IF(`t19`.`kind` = 'line', `t19`.`codes`, CAST(NULL AS BIGINT)) AS `codes`,
  `t19`.`scheme`,
  `t19`.`member`,
  `t19`.`month`,
  `t19`.`currency`,
  `t19`.`vintage`,
  `t19`.`file_dated`,
  `t19`.`synthetic`,
  `t19`.`confidential`,
  `t19`.`unconverted`,
  CAST(`t19`.`reporters` AS BIGINT) AS `reporters`,
  CAST(NULL AS DOUBLE) AS `total`,
  `t19`.`before`,
  IF(`t19`.`kind` = 'line', `t19`.`codes_before`, CAST(NULL AS BIGINT)) AS `codes_before`
FROM (
  SELECT
    `t18`.`kind`,
    `t18`.`source`,
    `t18`.`side`,
    `t18`.`year`,
    `t18`.`key`,
    `t18`.`member`,
    `t18`.`month`,
    `t18`.`currency`,
    `t18`.`vintage`,
    `t18`.`file_dated`,
    SUM(`t18`.`value`) AS `value`,
    SUM(`t18`.`before`) AS `before`,
    COUNT(`t18`.`code`) AS `codes`,
    COUNT(`t18`.`before`) AS `codes_before`,
    MIN(`t18`.`rank`) AS `rank`,
    ARRAY_MAX(COLLECT_LIST(`t18`.`scheme`)) AS `scheme`,
    SUM(`t18`.`confidential`) AS `confidential`,
    MAX(`t18`.`reporters`) AS `reporters`,
    BOOL_OR(`t18`.`synthetic`) AS `synthetic`,
    SUM(`t18`.`unconverted`) AS `unconverted`
  FROM (
    SELECT
      `t17`.`source`,
      `t17`.`side`,
      `t17`.`part`.`kind` AS `kind`,
      IF(`t17`.`part`.`kind` = 'held', `t17`.`part`.`year`, 2024) AS `year`,
      `t17`.`key`,
      `t17`.`part`.`member` AS `member`,
      `t17`.`part`.`month` AS `month`,
      IF(`t17`.`part`.`kind` = 'held', `t17`.`part`.`value`, `t17`.`now`) AS `value`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`scheme`, CAST(NULL AS STRING)) AS `scheme`,
      `t17`.`part`.`synthetic` AS `synthetic`,
      `t17`.`part`.`unconverted` AS `unconverted`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`before`, CAST(NULL AS DOUBLE)) AS `before`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`code`, CAST(NULL AS STRING)) AS `code`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`rank`, CAST(NULL AS BIGINT)) AS `rank`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`confidential`, CAST(NULL AS DOUBLE)) AS `confidential`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`reporters`, CAST(NULL AS TINYINT)) AS `reporters`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`currency`, CAST(NULL AS STRING)) AS `currency`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`vintage`, CAST(NULL AS STRING)) AS `vintage`,
      IF(`t17`.`part`.`kind` = 'line', `t17`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `file_dated`
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
        `t16`.`key`,
        `t16`.`rank`,
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
            `t16`.`cells`
          )
        ) AS `part`
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
          `t15`.`traded`,
          `t15`.`hidden`,
          `t15`.`order`,
          IF(`t15`.`traded`, `t15`.`code`, CAST(NULL AS STRING)) AS `key`,
          IF(
            `t15`.`traded` AND NOT (
              `t15`.`hidden`
            ) AND (
              `t15`.`code` <> 'other'
            ),
            `t15`.`order` + 1,
            CAST(NULL AS BIGINT)
          ) AS `rank`
        FROM (
          SELECT
            `t14`.`source`,
            `t14`.`side`,
            `t14`.`code`,
            `t14`.`now`,
            `t14`.`before`,
            `t14`.`scheme`,
            `t14`.`currency`,
            `t14`.`vintage`,
            `t14`.`file_dated`,
            `t14`.`confidential`,
            `t14`.`reporters`,
            `t14`.`cells`,
            `t14`.`now` IS NOT NULL AND NOT ISNAN(`t14`.`now`) AS `traded`,
            CONTAINS(`t14`.`code`, 'X') AS `hidden`,
            ROW_NUMBER() OVER (
              PARTITION BY `t14`.`source`, `t14`.`side`
              ORDER BY NOT (
                `t14`.`now` IS NOT NULL AND NOT ISNAN(`t14`.`now`)
              )
              OR CONTAINS(`t14`.`code`, 'X') ASC NULLS LAST, `t14`.`now` DESC, `t14`.`code` ASC NULLS LAST
            ) - 1 AS `order`
          FROM (
            SELECT
              `t13`.`source`,
              `t13`.`side`,
              `t13`.`code`,
              SUM(IF(`t13`.`year` = 2024, `t13`.`value`, NULL)) AS `now`,
              SUM(IF(`t13`.`year` = 2023, `t13`.`value`, NULL)) AS `before`,
              MAX(IF(`t13`.`year` = 2024, `t13`.`product_scheme`, NULL)) AS `scheme`,
              MIN(IF(`t13`.`year` = 2024, `t13`.`currency`, NULL)) AS `currency`,
              MAX(IF(`t13`.`year` = 2024, `t13`.`vintage`, NULL)) AS `vintage`,
              BOOL_OR(IF(`t13`.`year` = 2024, `t13`.`file_dated`, NULL)) AS `file_dated`,
              SUM(IF(`t13`.`year` = 2024, `t13`.`confidential_value`, NULL)) AS `confidential`,
              1 AS `reporters`,
              COLLECT_LIST(
                STRUCT(
                  'held' AS `kind`,
                  CAST(`t13`.`year` AS BIGINT) AS `year`,
                  `t13`.`reporter` AS `member`,
                  CAST(`t13`.`month` AS BIGINT) AS `month`,
                  `t13`.`value` AS `value`,
                  `t13`.`synthetic` AS `synthetic`,
                  `t13`.`unconverted` AS `unconverted`
                )
              ) AS `cells`
            FROM (
              SELECT
                `t12`.`source`,
                `t12`.`side`,
                `t12`.`code`,
                `t12`.`year`,
                `t12`.`reporter`,
                `t12`.`month`,
                `t12`.`value`,
                `t12`.`confidential_value`,
                CAST(FALSE AS BIGINT) AS `unconverted`,
                `t12`.`product_scheme`,
                `t12`.`currency`,
                `t12`.`vintage`,
                CONTAINS(COALESCE(`t12`.`flags`, ''), 'synthetic') AS `synthetic`,
                CONTAINS(COALESCE(`t12`.`flags`, ''), 'file_dated') AS `file_dated`
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
                  `t11`.`flags`,
                  `t11`.`vintage`,
                  `t11`.`side`,
                  `t11`.`level_rank`
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
                    `t8`.`level_rank`,
                    `t8`.`_annual`
                  FROM `t6` AS `t8`
                  LEFT SEMI JOIN (
                    SELECT
                      `t7`.`source`,
                      `t7`.`side`,
                      `t7`.`flow`,
                      `t7`.`year`,
                      `t7`.`reporter`,
                      `t7`.`partner`,
                      MIN(`t7`.`level_rank`) AS `level_rank`,
                      BOOL_OR(`t7`.`_annual`) AS `_annual`
                    FROM `t6` AS `t7`
                    GROUP BY
                      1,
                      2,
                      3,
                      4,
                      5,
                      6
                  ) AS `t10`
                    ON `t8`.`source` IS NOT DISTINCT FROM `t10`.`source`
                    AND `t8`.`side` IS NOT DISTINCT FROM `t10`.`side`
                    AND `t8`.`flow` IS NOT DISTINCT FROM `t10`.`flow`
                    AND `t8`.`year` IS NOT DISTINCT FROM `t10`.`year`
                    AND `t8`.`reporter` IS NOT DISTINCT FROM `t10`.`reporter`
                    AND `t8`.`partner` IS NOT DISTINCT FROM `t10`.`partner`
                    AND `t8`.`level_rank` = `t10`.`level_rank`
                    AND `t8`.`_annual` = `t10`.`_annual`
                ) AS `t11`
              ) AS `t12`
            ) AS `t13`
            GROUP BY
              1,
              2,
              3
          ) AS `t14`
        ) AS `t15`
      ) AS `t16`
    ) AS `t17`
    WHERE
      (
        `t17`.`part`.`kind` = 'held'
      )
      OR (
        (
          `t17`.`part`.`kind` = 'line'
        ) AND `t17`.`traded`
      )
  ) AS `t18`
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
) AS `t19`
