-- bilateral.query.products_ranked.ranked_products_sql(country(0000), group(WORLD), 2024, 6, 'export', 20, dialect='pyspark')
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
    `t5`.`month` IS NULL AS `_annual`,
    CASE
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
      `t4`.`code`,
      `t4`.`product_scheme`,
      `t4`.`value`,
      `t4`.`confidential_value`,
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
  `t21`.`kind`,
  `t21`.`source`,
  `t21`.`side`,
  `t21`.`year`,
  `t21`.`key`,
  `t21`.`rank`,
  `t21`.`value`,
  IF(`t21`.`kind` = 'line', `t21`.`codes`, CAST(NULL AS BIGINT)) AS `codes`,
  `t21`.`scheme`,
  `t21`.`member`,
  `t21`.`month`,
  `t21`.`currency`,
  `t21`.`vintage`,
  `t21`.`file_dated`,
  `t21`.`synthetic`,
  `t21`.`confidential`,
  `t21`.`unconverted`,
  `t21`.`reporters`,
  CAST(NULL AS DOUBLE) AS `total`,
  `t21`.`before`,
  IF(`t21`.`kind` = 'line', `t21`.`codes_before`, CAST(NULL AS BIGINT)) AS `codes_before`
FROM (
  SELECT
    `t20`.`kind`,
    `t20`.`source`,
    `t20`.`side`,
    `t20`.`year`,
    `t20`.`key`,
    `t20`.`member`,
    `t20`.`month`,
    `t20`.`currency`,
    `t20`.`vintage`,
    `t20`.`file_dated`,
    SUM(`t20`.`value`) AS `value`,
    SUM(`t20`.`before`) AS `before`,
    COUNT(`t20`.`code`) AS `codes`,
    COUNT(`t20`.`before`) AS `codes_before`,
    MIN(`t20`.`rank`) AS `rank`,
    ARRAY_MAX(COLLECT_LIST(`t20`.`scheme`)) AS `scheme`,
    SUM(`t20`.`confidential`) AS `confidential`,
    MAX(`t20`.`reporters`) AS `reporters`,
    BOOL_OR(`t20`.`synthetic`) AS `synthetic`,
    SUM(`t20`.`unconverted`) AS `unconverted`
  FROM (
    SELECT
      `t19`.`source`,
      `t19`.`side`,
      `t19`.`part`.`kind` AS `kind`,
      IF(`t19`.`part`.`kind` = 'held', `t19`.`part`.`year`, 2024) AS `year`,
      `t19`.`key`,
      `t19`.`part`.`member` AS `member`,
      `t19`.`part`.`month` AS `month`,
      IF(`t19`.`part`.`kind` = 'held', `t19`.`part`.`value`, `t19`.`now`) AS `value`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`scheme`, CAST(NULL AS STRING)) AS `scheme`,
      `t19`.`part`.`synthetic` AS `synthetic`,
      `t19`.`part`.`unconverted` AS `unconverted`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`before`, CAST(NULL AS DOUBLE)) AS `before`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`code`, CAST(NULL AS STRING)) AS `code`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`rank`, CAST(NULL AS BIGINT)) AS `rank`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`confidential`, CAST(NULL AS DOUBLE)) AS `confidential`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`reporters`, CAST(NULL AS BIGINT)) AS `reporters`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`currency`, CAST(NULL AS STRING)) AS `currency`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`vintage`, CAST(NULL AS STRING)) AS `vintage`,
      IF(`t19`.`part`.`kind` = 'line', `t19`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `file_dated`
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
        `t18`.`key`,
        `t18`.`rank`,
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
            `t18`.`cells`
          )
        ) AS `part`
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
          IF(
            `t17`.`traded`,
            CASE
              WHEN `t17`.`hidden` OR (
                `t17`.`order` < 20
              )
              THEN `t17`.`code`
              ELSE 'other'
            END,
            CAST(NULL AS STRING)
          ) AS `key`,
          IF(
            `t17`.`traded`
            AND NOT (
              `t17`.`hidden`
            )
            AND (
              CASE
                WHEN `t17`.`hidden` OR (
                  `t17`.`order` < 20
                )
                THEN `t17`.`code`
                ELSE 'other'
              END <> 'other'
            ),
            `t17`.`order` + 1,
            CAST(NULL AS BIGINT)
          ) AS `rank`
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
            `t16`.`now` IS NOT NULL AND NOT ISNAN(`t16`.`now`) AS `traded`,
            CONTAINS(`t16`.`code`, 'X') AS `hidden`,
            ROW_NUMBER() OVER (
              PARTITION BY `t16`.`source`, `t16`.`side`
              ORDER BY NOT (
                `t16`.`now` IS NOT NULL AND NOT ISNAN(`t16`.`now`)
              )
              OR CONTAINS(`t16`.`code`, 'X') ASC NULLS LAST, `t16`.`now` DESC, `t16`.`code` ASC NULLS LAST
            ) - 1 AS `order`
          FROM (
            SELECT
              `t15`.`source`,
              `t15`.`side`,
              `t15`.`code`,
              SUM(IF(`t15`.`year` = 2024, `t15`.`value`, NULL)) AS `now`,
              SUM(IF(`t15`.`year` = 2023, `t15`.`value`, NULL)) AS `before`,
              MAX(IF(`t15`.`year` = 2024, `t15`.`product_scheme`, NULL)) AS `scheme`,
              MIN(IF(`t15`.`year` = 2024, `t15`.`currency`, NULL)) AS `currency`,
              MAX(IF(`t15`.`year` = 2024, `t15`.`vintage`, NULL)) AS `vintage`,
              BOOL_OR(IF(`t15`.`year` = 2024, `t15`.`file_dated`, NULL)) AS `file_dated`,
              SUM(IF(`t15`.`year` = 2024, `t15`.`confidential_value`, NULL)) AS `confidential`,
              COUNT(DISTINCT IF(`t15`.`year` = 2024, `t15`.`reporter`, NULL)) AS `reporters`,
              COLLECT_LIST(
                STRUCT(
                  'held' AS `kind`,
                  CAST(`t15`.`year` AS BIGINT) AS `year`,
                  `t15`.`reporter` AS `member`,
                  CAST(`t15`.`month` AS BIGINT) AS `month`,
                  `t15`.`value` AS `value`,
                  `t15`.`synthetic` AS `synthetic`,
                  `t15`.`unconverted` AS `unconverted`
                )
              ) AS `cells`
            FROM (
              SELECT
                `t14`.`source`,
                `t14`.`side`,
                `t14`.`code`,
                `t14`.`year`,
                `t14`.`reporter`,
                `t14`.`month`,
                `t14`.`value`,
                `t14`.`confidential_value`,
                CAST(FALSE AS BIGINT) AS `unconverted`,
                `t14`.`product_scheme`,
                `t14`.`currency`,
                `t14`.`vintage`,
                CONTAINS(COALESCE(`t14`.`flags`, ''), 'synthetic') AS `synthetic`,
                CONTAINS(COALESCE(`t14`.`flags`, ''), 'file_dated') AS `file_dated`
              FROM (
                SELECT
                  `t13`.`source`,
                  `t13`.`reporter`,
                  `t13`.`partner`,
                  `t13`.`flow`,
                  `t13`.`year`,
                  `t13`.`month`,
                  `t13`.`product_level`,
                  `t13`.`code`,
                  `t13`.`product_scheme`,
                  `t13`.`value`,
                  `t13`.`confidential_value`,
                  `t13`.`currency`,
                  `t13`.`flags`,
                  `t13`.`vintage`,
                  `t13`.`side`,
                  `t13`.`level_rank`
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
                    `t8`.`_annual`,
                    `t8`.`_members_rank`
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
                  ) AS `t11`
                    ON `t8`.`source` IS NOT DISTINCT FROM `t11`.`source`
                    AND `t8`.`side` IS NOT DISTINCT FROM `t11`.`side`
                    AND `t8`.`flow` IS NOT DISTINCT FROM `t11`.`flow`
                    AND `t8`.`year` IS NOT DISTINCT FROM `t11`.`year`
                    AND `t8`.`reporter` IS NOT DISTINCT FROM `t11`.`reporter`
                    AND `t8`.`partner` IS NOT DISTINCT FROM `t11`.`partner`
                    AND `t8`.`level_rank` = `t11`.`level_rank`
                    AND `t8`.`_annual` = `t11`.`_annual`
                  LEFT SEMI JOIN (
                    SELECT
                      `t7`.`source`,
                      `t7`.`side`,
                      `t7`.`flow`,
                      `t7`.`year`,
                      MIN(`t7`.`_members_rank`) AS `_members_rank`
                    FROM `t6` AS `t7`
                    GROUP BY
                      1,
                      2,
                      3,
                      4
                  ) AS `t12`
                    ON `t8`.`source` IS NOT DISTINCT FROM `t12`.`source`
                    AND `t8`.`side` IS NOT DISTINCT FROM `t12`.`side`
                    AND `t8`.`flow` IS NOT DISTINCT FROM `t12`.`flow`
                    AND `t8`.`year` IS NOT DISTINCT FROM `t12`.`year`
                    AND `t8`.`_members_rank` = `t12`.`_members_rank`
                ) AS `t13`
              ) AS `t14`
            ) AS `t15`
            GROUP BY
              1,
              2,
              3
          ) AS `t16`
        ) AS `t17`
      ) AS `t18`
    ) AS `t19`
    WHERE
      (
        `t19`.`part`.`kind` = 'held'
      )
      OR (
        (
          `t19`.`part`.`kind` = 'line'
        ) AND `t19`.`traded`
      )
  ) AS `t20`
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
) AS `t21`
