-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'export', 20, currency='USD', dialect='pyspark')
WITH `t11` AS (
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
    `t10`.`month` IS NULL AS `_annual`
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
        `t8`.`code`,
        `t8`.`product_scheme`,
        `t8`.`value`,
        `t8`.`confidential_value`,
        `t8`.`currency`,
        `t8`.`flags`,
        `t8`.`vintage`
      FROM (
        SELECT
          `t7`.`source`,
          IF(`t7`.`_copy`, `t7`.`partner`, `t7`.`reporter`) AS `reporter`,
          IF(`t7`.`_copy`, `t7`.`reporter`, `t7`.`partner`) AS `partner`,
          CAST(IF(`t7`.`_copy`, REPLACE(`t7`.`flow`, 'export', 'import'), `t7`.`flow`) AS STRING) AS `flow`,
          `t7`.`year`,
          `t7`.`month`,
          `t7`.`product_level`,
          `t7`.`code`,
          `t7`.`product_scheme`,
          `t7`.`value`,
          `t7`.`confidential_value`,
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
            `t6`.`code`,
            `t6`.`product_scheme`,
            `t6`.`value`,
            `t6`.`confidential_value`,
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
              `t1`.`source`,
              `t1`.`reporter`,
              `t1`.`partner`,
              `t1`.`flow`,
              `t1`.`year`,
              `t1`.`month`,
              CASE
                WHEN `t1`.`product_scheme` = 'TOTAL'
                THEN 'TOTAL'
                WHEN STARTSWITH(`t1`.`product_scheme`, 'CN')
                THEN 'CN8'
                WHEN `t1`.`product_scheme` RLIKE '^HS[0-9]{4}$'
                THEN 'HS6'
                ELSE `t1`.`product_scheme`
              END AS `product_level`,
              IF(
                CONTAINS(
                  SUBSTRING(`t1`.`product`, IF((
                    0 + 1
                  ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t1`.`product`)), 6),
                  'X'
                ),
                `t1`.`product`,
                SUBSTRING(`t1`.`product`, IF((
                  0 + 1
                ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t1`.`product`)), 6)
              ) AS `code`,
              `t1`.`product_scheme`,
              `t1`.`value`,
              IF(CONTAINS(COALESCE(`t1`.`flags`, ''), 'confidential'), `t1`.`value`, 0.0) AS `confidential_value`,
              `t1`.`currency`,
              `t1`.`flags`,
              `t1`.`vintage`
            FROM `flows` AS `t1`
            WHERE
              CASE
                WHEN `t1`.`product_scheme` = 'TOTAL'
                THEN 'TOTAL'
                WHEN STARTSWITH(`t1`.`product_scheme`, 'CN')
                THEN 'CN8'
                WHEN `t1`.`product_scheme` RLIKE '^HS[0-9]{4}$'
                THEN 'HS6'
                ELSE `t1`.`product_scheme`
              END IN ('CN8', 'HS6')
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
  ) AS `t10`
  WHERE
    `t10`.`side` IS NOT NULL
    AND (
      (
        (
          `t10`.`side` = 'first'
        ) AND (
          `t10`.`flow` = 'export'
        )
      )
      OR (
        (
          `t10`.`side` = 'second'
        ) AND (
          `t10`.`flow` = 'import'
        )
      )
    )
)
SELECT
  `t26`.`kind`,
  `t26`.`source`,
  `t26`.`side`,
  `t26`.`year`,
  `t26`.`key`,
  `t26`.`rank`,
  `t26`.`value`,
  IF(`t26`.`kind` = 'line', `t26`.`codes`, CAST(NULL AS BIGINT)) AS `codes`,
  `t26`.`scheme`,
  `t26`.`member`,
  `t26`.`month`,
  `t26`.`currency`,
  `t26`.`vintage`,
  `t26`.`file_dated`,
  `t26`.`synthetic`,
  `t26`.`confidential`,
  `t26`.`unconverted`,
  CAST(`t26`.`reporters` AS BIGINT) AS `reporters`,
  CAST(NULL AS DOUBLE) AS `total`,
  `t26`.`before`,
  IF(`t26`.`kind` = 'line', `t26`.`codes_before`, CAST(NULL AS BIGINT)) AS `codes_before`
FROM (
  SELECT
    `t25`.`kind`,
    `t25`.`source`,
    `t25`.`side`,
    `t25`.`year`,
    `t25`.`key`,
    `t25`.`member`,
    `t25`.`month`,
    `t25`.`currency`,
    `t25`.`vintage`,
    `t25`.`file_dated`,
    SUM(`t25`.`value`) AS `value`,
    SUM(`t25`.`before`) AS `before`,
    COUNT(`t25`.`code`) AS `codes`,
    COUNT(`t25`.`before`) AS `codes_before`,
    MIN(`t25`.`rank`) AS `rank`,
    ARRAY_MAX(COLLECT_LIST(`t25`.`scheme`)) AS `scheme`,
    SUM(`t25`.`confidential`) AS `confidential`,
    MAX(`t25`.`reporters`) AS `reporters`,
    BOOL_OR(`t25`.`synthetic`) AS `synthetic`,
    SUM(`t25`.`unconverted`) AS `unconverted`
  FROM (
    SELECT
      `t24`.`source`,
      `t24`.`side`,
      `t24`.`part`.`kind` AS `kind`,
      IF(`t24`.`part`.`kind` = 'held', `t24`.`part`.`year`, 2024) AS `year`,
      `t24`.`key`,
      `t24`.`part`.`member` AS `member`,
      `t24`.`part`.`month` AS `month`,
      IF(`t24`.`part`.`kind` = 'held', `t24`.`part`.`value`, `t24`.`now`) AS `value`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`scheme`, CAST(NULL AS STRING)) AS `scheme`,
      `t24`.`part`.`synthetic` AS `synthetic`,
      `t24`.`part`.`unconverted` AS `unconverted`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`before`, CAST(NULL AS DOUBLE)) AS `before`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`code`, CAST(NULL AS STRING)) AS `code`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`rank`, CAST(NULL AS BIGINT)) AS `rank`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`confidential`, CAST(NULL AS DOUBLE)) AS `confidential`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`reporters`, CAST(NULL AS TINYINT)) AS `reporters`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`currency`, CAST(NULL AS STRING)) AS `currency`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`vintage`, CAST(NULL AS STRING)) AS `vintage`,
      IF(`t24`.`part`.`kind` = 'line', `t24`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `file_dated`
    FROM (
      SELECT
        `t23`.`source`,
        `t23`.`side`,
        `t23`.`code`,
        `t23`.`now`,
        `t23`.`before`,
        `t23`.`scheme`,
        `t23`.`currency`,
        `t23`.`vintage`,
        `t23`.`file_dated`,
        `t23`.`confidential`,
        `t23`.`reporters`,
        `t23`.`cells`,
        `t23`.`traded`,
        `t23`.`hidden`,
        `t23`.`order`,
        `t23`.`key`,
        `t23`.`rank`,
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
            `t23`.`cells`
          )
        ) AS `part`
      FROM (
        SELECT
          `t22`.`source`,
          `t22`.`side`,
          `t22`.`code`,
          `t22`.`now`,
          `t22`.`before`,
          `t22`.`scheme`,
          `t22`.`currency`,
          `t22`.`vintage`,
          `t22`.`file_dated`,
          `t22`.`confidential`,
          `t22`.`reporters`,
          `t22`.`cells`,
          `t22`.`traded`,
          `t22`.`hidden`,
          `t22`.`order`,
          IF(
            `t22`.`traded`,
            CASE
              WHEN `t22`.`hidden` OR (
                `t22`.`order` < 20
              )
              THEN `t22`.`code`
              ELSE 'other'
            END,
            CAST(NULL AS STRING)
          ) AS `key`,
          IF(
            `t22`.`traded`
            AND NOT (
              `t22`.`hidden`
            )
            AND (
              CASE
                WHEN `t22`.`hidden` OR (
                  `t22`.`order` < 20
                )
                THEN `t22`.`code`
                ELSE 'other'
              END <> 'other'
            ),
            `t22`.`order` + 1,
            CAST(NULL AS BIGINT)
          ) AS `rank`
        FROM (
          SELECT
            `t21`.`source`,
            `t21`.`side`,
            `t21`.`code`,
            `t21`.`now`,
            `t21`.`before`,
            `t21`.`scheme`,
            `t21`.`currency`,
            `t21`.`vintage`,
            `t21`.`file_dated`,
            `t21`.`confidential`,
            `t21`.`reporters`,
            `t21`.`cells`,
            `t21`.`now` IS NOT NULL AND NOT ISNAN(`t21`.`now`) AS `traded`,
            CONTAINS(`t21`.`code`, 'X') AS `hidden`,
            ROW_NUMBER() OVER (
              PARTITION BY `t21`.`source`, `t21`.`side`
              ORDER BY NOT (
                `t21`.`now` IS NOT NULL AND NOT ISNAN(`t21`.`now`)
              )
              OR CONTAINS(`t21`.`code`, 'X') ASC NULLS LAST, `t21`.`now` DESC, `t21`.`code` ASC NULLS LAST
            ) - 1 AS `order`
          FROM (
            SELECT
              `t20`.`source`,
              `t20`.`side`,
              `t20`.`code`,
              SUM(IF(`t20`.`year` = 2024, `t20`.`value`, NULL)) AS `now`,
              SUM(IF(`t20`.`year` = 2023, `t20`.`value`, NULL)) AS `before`,
              MAX(IF(`t20`.`year` = 2024, `t20`.`product_scheme`, NULL)) AS `scheme`,
              MIN(IF(`t20`.`year` = 2024, `t20`.`currency`, NULL)) AS `currency`,
              MAX(IF(`t20`.`year` = 2024, `t20`.`vintage`, NULL)) AS `vintage`,
              BOOL_OR(IF(`t20`.`year` = 2024, `t20`.`file_dated`, NULL)) AS `file_dated`,
              SUM(IF(`t20`.`year` = 2024, `t20`.`confidential_value`, NULL)) AS `confidential`,
              1 AS `reporters`,
              COLLECT_LIST(
                STRUCT(
                  'held' AS `kind`,
                  CAST(`t20`.`year` AS BIGINT) AS `year`,
                  `t20`.`reporter` AS `member`,
                  CAST(`t20`.`month` AS BIGINT) AS `month`,
                  `t20`.`value` AS `value`,
                  `t20`.`synthetic` AS `synthetic`,
                  `t20`.`unconverted` AS `unconverted`
                )
              ) AS `cells`
            FROM (
              SELECT
                `t19`.`source`,
                `t19`.`side`,
                `t19`.`code`,
                `t19`.`year`,
                `t19`.`reporter`,
                `t19`.`month`,
                (
                  `t19`.`value` * `t19`.`target_rate`
                ) / `t19`.`own_rate` AS `value`,
                (
                  `t19`.`confidential_value` * `t19`.`target_rate`
                ) / `t19`.`own_rate` AS `confidential_value`,
                CAST(`t19`.`own_rate` IS NULL
                OR ISNAN(`t19`.`own_rate`)
                OR (
                  `t19`.`target_rate` IS NULL OR ISNAN(`t19`.`target_rate`)
                ) AS BIGINT) AS `unconverted`,
                `t19`.`product_scheme`,
                'USD' AS `currency`,
                `t19`.`vintage`,
                CONTAINS(COALESCE(`t19`.`flags`, ''), 'synthetic') AS `synthetic`,
                CONTAINS(COALESCE(`t19`.`flags`, ''), 'file_dated') AS `file_dated`
              FROM (
                SELECT
                  `t18`.`source`,
                  `t18`.`reporter`,
                  `t18`.`partner`,
                  `t18`.`flow`,
                  `t18`.`year`,
                  `t18`.`month`,
                  `t18`.`product_level`,
                  `t18`.`code`,
                  `t18`.`product_scheme`,
                  `t18`.`value`,
                  `t18`.`confidential_value`,
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
                    `t16`.`code`,
                    `t16`.`product_scheme`,
                    `t16`.`value`,
                    `t16`.`confidential_value`,
                    `t16`.`currency`,
                    `t16`.`flags`,
                    `t16`.`vintage`,
                    `t16`.`side`,
                    `t16`.`level_rank`
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
                      `t13`.`level_rank`,
                      `t13`.`_annual`
                    FROM `t11` AS `t13`
                    LEFT SEMI JOIN (
                      SELECT
                        `t12`.`source`,
                        `t12`.`side`,
                        `t12`.`flow`,
                        `t12`.`year`,
                        `t12`.`reporter`,
                        `t12`.`partner`,
                        MIN(`t12`.`level_rank`) AS `level_rank`,
                        BOOL_OR(`t12`.`_annual`) AS `_annual`
                      FROM `t11` AS `t12`
                      GROUP BY
                        1,
                        2,
                        3,
                        4,
                        5,
                        6
                    ) AS `t15`
                      ON `t13`.`source` IS NOT DISTINCT FROM `t15`.`source`
                      AND `t13`.`side` IS NOT DISTINCT FROM `t15`.`side`
                      AND `t13`.`flow` IS NOT DISTINCT FROM `t15`.`flow`
                      AND `t13`.`year` IS NOT DISTINCT FROM `t15`.`year`
                      AND `t13`.`reporter` IS NOT DISTINCT FROM `t15`.`reporter`
                      AND `t13`.`partner` IS NOT DISTINCT FROM `t15`.`partner`
                      AND `t13`.`level_rank` = `t15`.`level_rank`
                      AND `t13`.`_annual` = `t15`.`_annual`
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
              3
          ) AS `t21`
        ) AS `t22`
      ) AS `t23`
    ) AS `t24`
    WHERE
      (
        `t24`.`part`.`kind` = 'held'
      )
      OR (
        (
          `t24`.`part`.`kind` = 'line'
        ) AND `t24`.`traded`
      )
  ) AS `t25`
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
) AS `t26`
