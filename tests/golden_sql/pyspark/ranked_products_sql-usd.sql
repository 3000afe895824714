-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'export', 20, currency='USD', dialect='pyspark')
SELECT
  `t27`.`kind`,
  `t27`.`source`,
  `t27`.`side`,
  `t27`.`year`,
  `t27`.`key`,
  `t27`.`rank`,
  `t27`.`value`,
  IF(`t27`.`kind` = 'line', `t27`.`codes`, CAST(NULL AS BIGINT)) AS `codes`,
  `t27`.`scheme`,
  `t27`.`member`,
  `t27`.`month`,
  `t27`.`currency`,
  `t27`.`vintage`,
  `t27`.`file_dated`,
  `t27`.`synthetic`,
  `t27`.`confidential`,
  `t27`.`unconverted`,
  CAST(`t27`.`reporters` AS BIGINT) AS `reporters`,
  CAST(NULL AS DOUBLE) AS `total`,
  `t27`.`before`,
  IF(`t27`.`kind` = 'line', `t27`.`codes_before`, CAST(NULL AS BIGINT)) AS `codes_before`
FROM (
  SELECT
    `t26`.`kind`,
    `t26`.`source`,
    `t26`.`side`,
    `t26`.`year`,
    `t26`.`key`,
    `t26`.`member`,
    `t26`.`month`,
    `t26`.`currency`,
    `t26`.`vintage`,
    `t26`.`file_dated`,
    SUM(`t26`.`value`) AS `value`,
    SUM(`t26`.`before`) AS `before`,
    COUNT(`t26`.`code`) AS `codes`,
    COUNT(`t26`.`before`) AS `codes_before`,
    MIN(`t26`.`rank`) AS `rank`,
    ARRAY_MAX(COLLECT_LIST(`t26`.`scheme`)) AS `scheme`,
    SUM(`t26`.`confidential`) AS `confidential`,
    MAX(`t26`.`reporters`) AS `reporters`,
    BOOL_OR(`t26`.`synthetic`) AS `synthetic`,
    SUM(`t26`.`unconverted`) AS `unconverted`
  FROM (
    SELECT
      `t25`.`source`,
      `t25`.`side`,
      `t25`.`part`.`kind` AS `kind`,
      IF(`t25`.`part`.`kind` = 'held', `t25`.`part`.`year`, 2024) AS `year`,
      `t25`.`key`,
      `t25`.`part`.`member` AS `member`,
      `t25`.`part`.`month` AS `month`,
      IF(`t25`.`part`.`kind` = 'held', `t25`.`part`.`value`, `t25`.`now`) AS `value`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`scheme`, CAST(NULL AS STRING)) AS `scheme`,
      `t25`.`part`.`synthetic` AS `synthetic`,
      `t25`.`part`.`unconverted` AS `unconverted`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`before`, CAST(NULL AS DOUBLE)) AS `before`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`code`, CAST(NULL AS STRING)) AS `code`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`rank`, CAST(NULL AS BIGINT)) AS `rank`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`confidential`, CAST(NULL AS DOUBLE)) AS `confidential`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`reporters`, CAST(NULL AS TINYINT)) AS `reporters`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`currency`, CAST(NULL AS STRING)) AS `currency`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`vintage`, CAST(NULL AS STRING)) AS `vintage`,
      IF(`t25`.`part`.`kind` = 'line', `t25`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `file_dated`
    FROM (
      SELECT
        `t24`.`source`,
        `t24`.`side`,
        `t24`.`code`,
        `t24`.`now`,
        `t24`.`before`,
        `t24`.`scheme`,
        `t24`.`currency`,
        `t24`.`vintage`,
        `t24`.`file_dated`,
        `t24`.`confidential`,
        `t24`.`reporters`,
        `t24`.`cells`,
        `t24`.`traded`,
        `t24`.`hidden`,
        `t24`.`order`,
        `t24`.`key`,
        `t24`.`rank`,
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
            `t24`.`cells`
          )
        ) AS `part`
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
          IF(
            `t23`.`traded`,
            CASE
              WHEN `t23`.`hidden` OR (
                `t23`.`order` < 20
              )
              THEN `t23`.`code`
              ELSE 'other'
            END,
            CAST(NULL AS STRING)
          ) AS `key`,
          IF(
            `t23`.`traded`
            AND NOT (
              `t23`.`hidden`
            )
            AND (
              CASE
                WHEN `t23`.`hidden` OR (
                  `t23`.`order` < 20
                )
                THEN `t23`.`code`
                ELSE 'other'
              END <> 'other'
            ),
            `t23`.`order` + 1,
            CAST(NULL AS BIGINT)
          ) AS `rank`
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
            `t22`.`now` IS NOT NULL AND NOT ISNAN(`t22`.`now`) AS `traded`,
            CONTAINS(`t22`.`code`, 'X') AS `hidden`,
            ROW_NUMBER() OVER (
              PARTITION BY `t22`.`source`, `t22`.`side`
              ORDER BY NOT (
                `t22`.`now` IS NOT NULL AND NOT ISNAN(`t22`.`now`)
              )
              OR CONTAINS(`t22`.`code`, 'X') ASC NULLS LAST, `t22`.`now` DESC, `t22`.`code` ASC NULLS LAST
            ) - 1 AS `order`
          FROM (
            SELECT
              `t21`.`source`,
              `t21`.`side`,
              `t21`.`code`,
              SUM(IF(`t21`.`year` = 2024, `t21`.`value`, NULL)) AS `now`,
              SUM(IF(`t21`.`year` = 2023, `t21`.`value`, NULL)) AS `before`,
              MAX(IF(`t21`.`year` = 2024, `t21`.`product_scheme`, NULL)) AS `scheme`,
              MIN(IF(`t21`.`year` = 2024, `t21`.`currency`, NULL)) AS `currency`,
              MAX(IF(`t21`.`year` = 2024, `t21`.`vintage`, NULL)) AS `vintage`,
              BOOL_OR(IF(`t21`.`year` = 2024, `t21`.`file_dated`, NULL)) AS `file_dated`,
              SUM(IF(`t21`.`year` = 2024, `t21`.`confidential_value`, NULL)) AS `confidential`,
              1 AS `reporters`,
              COLLECT_LIST(
                STRUCT(
                  'held' AS `kind`,
                  CAST(`t21`.`year` AS BIGINT) AS `year`,
                  `t21`.`reporter` AS `member`,
                  CAST(`t21`.`month` AS BIGINT) AS `month`,
                  `t21`.`value` AS `value`,
                  `t21`.`synthetic` AS `synthetic`,
                  `t21`.`unconverted` AS `unconverted`
                )
              ) AS `cells`
            FROM (
              SELECT
                `t20`.`source`,
                `t20`.`side`,
                `t20`.`code`,
                `t20`.`year`,
                `t20`.`reporter`,
                `t20`.`month`,
                (
                  `t20`.`value` * `t20`.`target_rate`
                ) / `t20`.`own_rate` AS `value`,
                (
                  `t20`.`confidential_value` * `t20`.`target_rate`
                ) / `t20`.`own_rate` AS `confidential_value`,
                CAST(`t20`.`own_rate` IS NULL
                OR ISNAN(`t20`.`own_rate`)
                OR (
                  `t20`.`target_rate` IS NULL OR ISNAN(`t20`.`target_rate`)
                ) AS BIGINT) AS `unconverted`,
                `t20`.`product_scheme`,
                'USD' AS `currency`,
                `t20`.`vintage`,
                CONTAINS(COALESCE(`t20`.`flags`, ''), 'synthetic') AS `synthetic`,
                CONTAINS(COALESCE(`t20`.`flags`, ''), 'file_dated') AS `file_dated`
              FROM (
                SELECT
                  `t19`.`source`,
                  `t19`.`reporter`,
                  `t19`.`partner`,
                  `t19`.`flow`,
                  `t19`.`year`,
                  `t19`.`month`,
                  `t19`.`product_level`,
                  `t19`.`code`,
                  `t19`.`product_scheme`,
                  `t19`.`value`,
                  `t19`.`confidential_value`,
                  `t19`.`currency`,
                  `t19`.`flags`,
                  `t19`.`vintage`,
                  `t19`.`side`,
                  `t19`.`level_rank`,
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
                    `t17`.`source`,
                    `t17`.`reporter`,
                    `t17`.`partner`,
                    `t17`.`flow`,
                    `t17`.`year`,
                    `t17`.`month`,
                    `t17`.`product_level`,
                    `t17`.`code`,
                    `t17`.`product_scheme`,
                    `t17`.`value`,
                    `t17`.`confidential_value`,
                    `t17`.`currency`,
                    `t17`.`flags`,
                    `t17`.`vintage`,
                    `t17`.`side`,
                    `t17`.`level_rank`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t15`.`source`,
                        `t15`.`reporter`,
                        `t15`.`partner`,
                        `t15`.`flow`,
                        `t15`.`year`,
                        `t15`.`month`,
                        `t15`.`product_level`,
                        `t15`.`code`,
                        `t15`.`product_scheme`,
                        `t15`.`value`,
                        `t15`.`confidential_value`,
                        `t15`.`currency`,
                        `t15`.`flags`,
                        `t15`.`vintage`,
                        `t15`.`side`,
                        `t15`.`level_rank`,
                        `t15`.`_annual`,
                        MIN(`t15`.`level_rank`) OVER (
                          PARTITION BY `t15`.`source`, `t15`.`side`, `t15`.`flow`, `t15`.`year`, `t15`.`reporter`, `t15`.`partner`
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS `_first_level`,
                        BOOL_OR(`t15`.`_annual`) OVER (
                          PARTITION BY `t15`.`source`, `t15`.`side`, `t15`.`flow`, `t15`.`year`, `t15`.`reporter`, `t15`.`partner`
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS `_any_annual`
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
                          `t14`.`flags`,
                          `t14`.`vintage`,
                          `t14`.`side`,
                          CASE `t14`.`product_level`
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
                          `t14`.`month` IS NULL AS `_annual`
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
                            `t13`.`side`
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
                                `t11`.`code`,
                                `t11`.`product_scheme`,
                                `t11`.`value`,
                                `t11`.`confidential_value`,
                                `t11`.`currency`,
                                `t11`.`flags`,
                                `t11`.`vintage`,
                                `t11`.`side`,
                                `t11`.`_members_rank`,
                                CASE
                                  WHEN `t11`.`year` = 2023
                                  THEN MIN(IF(`t11`.`year` = 2023, `t11`.`_members_rank`, NULL)) OVER (
                                    PARTITION BY `t11`.`source`, `t11`.`side`
                                    ORDER BY `t11`.`flow` ASC, `t11`.`year` ASC, `t11`.`reporter` ASC, `t11`.`partner` ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                  )
                                  WHEN `t11`.`year` = 2024
                                  THEN MIN(IF(`t11`.`year` = 2024, `t11`.`_members_rank`, NULL)) OVER (
                                    PARTITION BY `t11`.`source`, `t11`.`side`
                                    ORDER BY `t11`.`flow` ASC, `t11`.`year` ASC, `t11`.`reporter` ASC, `t11`.`partner` ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                  )
                                  ELSE NULL
                                END AS `_fewest`
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
                                            `t1`.`year` IN (2023, 2024)
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
                                  AND `t10`.`product_level` IN ('CN8', 'HS6')
                              ) AS `t11`
                            ) AS `t12`
                            WHERE
                              `t12`.`_members_rank` = `t12`.`_fewest`
                          ) AS `t13`
                        ) AS `t14`
                      ) AS `t15`
                    ) AS `t16`
                    WHERE
                      `t16`.`level_rank` = `t16`.`_first_level`
                      AND `t16`.`_annual` = `t16`.`_any_annual`
                  ) AS `t17`
                ) AS `t19`
                LEFT OUTER JOIN (
                  SELECT
                    `t0`.`currency` AS `rate_currency`,
                    `t0`.`year` AS `rate_year`,
                    `t0`.`month` AS `rate_month`,
                    `t0`.`per_eur` AS `own_rate`
                  FROM `rates` AS `t0`
                ) AS `t4`
                  ON `t19`.`currency` = `t4`.`rate_currency`
                  AND `t19`.`year` = `t4`.`rate_year`
                  AND `t19`.`month` IS NOT DISTINCT FROM `t4`.`rate_month`
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
                  ON `t19`.`year` = `t5`.`target_year`
                  AND `t19`.`month` IS NOT DISTINCT FROM `t5`.`target_month`
              ) AS `t20`
            ) AS `t21`
            GROUP BY
              1,
              2,
              3
          ) AS `t22`
        ) AS `t23`
      ) AS `t24`
    ) AS `t25`
    WHERE
      (
        `t25`.`part`.`kind` = 'held'
      )
      OR (
        (
          `t25`.`part`.`kind` = 'line'
        ) AND `t25`.`traded`
      )
  ) AS `t26`
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
) AS `t27`
