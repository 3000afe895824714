-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'export', 20, currency='USD', dialect='pyspark')
SELECT
  `t31`.`kind`,
  `t31`.`source`,
  `t31`.`side`,
  `t31`.`year`,
  `t31`.`key`,
  `t31`.`rank`,
  `t31`.`value`,
  IF(`t31`.`kind` = 'line', `t31`.`codes`, CAST(NULL AS BIGINT)) AS `codes`,
  `t31`.`scheme`,
  `t31`.`member`,
  `t31`.`month`,
  `t31`.`currency`,
  `t31`.`vintage`,
  `t31`.`file_dated`,
  `t31`.`synthetic`,
  `t31`.`confidential`,
  `t31`.`unconverted`,
  CAST(`t31`.`reporters` AS BIGINT) AS `reporters`,
  CAST(NULL AS DOUBLE) AS `total`,
  `t31`.`before`,
  IF(`t31`.`kind` = 'line', `t31`.`codes_before`, CAST(NULL AS BIGINT)) AS `codes_before`
FROM (
  SELECT
    `t30`.`kind`,
    `t30`.`source`,
    `t30`.`side`,
    `t30`.`year`,
    `t30`.`key`,
    `t30`.`member`,
    `t30`.`month`,
    `t30`.`currency`,
    `t30`.`vintage`,
    `t30`.`file_dated`,
    SUM(`t30`.`value`) AS `value`,
    SUM(`t30`.`before`) AS `before`,
    COUNT(`t30`.`code`) AS `codes`,
    COUNT(`t30`.`before`) AS `codes_before`,
    MIN(`t30`.`rank`) AS `rank`,
    ARRAY_MAX(COLLECT_LIST(`t30`.`scheme`)) AS `scheme`,
    SUM(`t30`.`confidential`) AS `confidential`,
    MAX(`t30`.`reporters`) AS `reporters`,
    BOOL_OR(`t30`.`synthetic`) AS `synthetic`,
    SUM(`t30`.`unconverted`) AS `unconverted`
  FROM (
    SELECT
      `t29`.`source`,
      `t29`.`side`,
      `t29`.`part`.`kind` AS `kind`,
      IF(`t29`.`part`.`kind` = 'held', `t29`.`part`.`year`, 2024) AS `year`,
      `t29`.`key`,
      `t29`.`part`.`member` AS `member`,
      `t29`.`part`.`month` AS `month`,
      IF(`t29`.`part`.`kind` = 'held', `t29`.`part`.`value`, `t29`.`now`) AS `value`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`scheme`, CAST(NULL AS STRING)) AS `scheme`,
      `t29`.`part`.`synthetic` AS `synthetic`,
      `t29`.`part`.`unconverted` AS `unconverted`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`before`, CAST(NULL AS DOUBLE)) AS `before`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`code`, CAST(NULL AS STRING)) AS `code`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`rank`, CAST(NULL AS BIGINT)) AS `rank`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`confidential`, CAST(NULL AS DOUBLE)) AS `confidential`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`reporters`, CAST(NULL AS TINYINT)) AS `reporters`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`currency`, CAST(NULL AS STRING)) AS `currency`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`vintage`, CAST(NULL AS STRING)) AS `vintage`,
      IF(`t29`.`part`.`kind` = 'line', `t29`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `file_dated`
    FROM (
      SELECT
        `t28`.`source`,
        `t28`.`side`,
        `t28`.`code`,
        `t28`.`now`,
        `t28`.`before`,
        `t28`.`scheme`,
        `t28`.`currency`,
        `t28`.`vintage`,
        `t28`.`file_dated`,
        `t28`.`confidential`,
        `t28`.`reporters`,
        `t28`.`cells`,
        `t28`.`traded`,
        `t28`.`hidden`,
        `t28`.`order`,
        `t28`.`key`,
        `t28`.`rank`,
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
            `t28`.`cells`
          )
        ) AS `part`
      FROM (
        SELECT
          `t27`.`source`,
          `t27`.`side`,
          `t27`.`code`,
          `t27`.`now`,
          `t27`.`before`,
          `t27`.`scheme`,
          `t27`.`currency`,
          `t27`.`vintage`,
          `t27`.`file_dated`,
          `t27`.`confidential`,
          `t27`.`reporters`,
          `t27`.`cells`,
          `t27`.`traded`,
          `t27`.`hidden`,
          `t27`.`order`,
          IF(
            `t27`.`traded`,
            CASE
              WHEN `t27`.`hidden` OR (
                `t27`.`order` < 20
              )
              THEN `t27`.`code`
              ELSE 'other'
            END,
            CAST(NULL AS STRING)
          ) AS `key`,
          IF(
            `t27`.`traded`
            AND NOT (
              `t27`.`hidden`
            )
            AND (
              CASE
                WHEN `t27`.`hidden` OR (
                  `t27`.`order` < 20
                )
                THEN `t27`.`code`
                ELSE 'other'
              END <> 'other'
            ),
            `t27`.`order` + 1,
            CAST(NULL AS BIGINT)
          ) AS `rank`
        FROM (
          SELECT
            `t26`.`source`,
            `t26`.`side`,
            `t26`.`code`,
            `t26`.`now`,
            `t26`.`before`,
            `t26`.`scheme`,
            `t26`.`currency`,
            `t26`.`vintage`,
            `t26`.`file_dated`,
            `t26`.`confidential`,
            `t26`.`reporters`,
            `t26`.`cells`,
            `t26`.`now` IS NOT NULL AND NOT ISNAN(`t26`.`now`) AS `traded`,
            CONTAINS(`t26`.`code`, 'X') AS `hidden`,
            ROW_NUMBER() OVER (
              PARTITION BY `t26`.`source`, `t26`.`side`
              ORDER BY NOT (
                `t26`.`now` IS NOT NULL AND NOT ISNAN(`t26`.`now`)
              )
              OR CONTAINS(`t26`.`code`, 'X') ASC NULLS LAST, `t26`.`now` DESC, `t26`.`code` ASC NULLS LAST
            ) - 1 AS `order`
          FROM (
            SELECT
              `t25`.`source`,
              `t25`.`side`,
              `t25`.`code`,
              SUM(IF(`t25`.`year` = 2024, `t25`.`value`, NULL)) AS `now`,
              SUM(IF(`t25`.`year` = 2023, `t25`.`value`, NULL)) AS `before`,
              MAX(IF(`t25`.`year` = 2024, `t25`.`product_scheme`, NULL)) AS `scheme`,
              MIN(IF(`t25`.`year` = 2024, `t25`.`currency`, NULL)) AS `currency`,
              MAX(IF(`t25`.`year` = 2024, `t25`.`vintage`, NULL)) AS `vintage`,
              BOOL_OR(IF(`t25`.`year` = 2024, `t25`.`file_dated`, NULL)) AS `file_dated`,
              SUM(IF(`t25`.`year` = 2024, `t25`.`confidential_value`, NULL)) AS `confidential`,
              1 AS `reporters`,
              COLLECT_LIST(
                STRUCT(
                  'held' AS `kind`,
                  CAST(`t25`.`year` AS BIGINT) AS `year`,
                  `t25`.`reporter` AS `member`,
                  CAST(`t25`.`month` AS BIGINT) AS `month`,
                  `t25`.`value` AS `value`,
                  `t25`.`synthetic` AS `synthetic`,
                  `t25`.`unconverted` AS `unconverted`
                )
              ) AS `cells`
            FROM (
              SELECT
                `t24`.`source`,
                `t24`.`side`,
                `t24`.`code`,
                `t24`.`year`,
                `t24`.`reporter`,
                `t24`.`month`,
                `t24`.`value`,
                `t24`.`confidential_value`,
                CAST(`t24`.`unconverted` AS BIGINT) AS `unconverted`,
                `t24`.`product_scheme`,
                `t24`.`currency`,
                `t24`.`vintage`,
                `t24`.`synthetic`,
                `t24`.`file_dated`
              FROM (
                SELECT
                  `t23`.`source`,
                  `t23`.`reporter`,
                  `t23`.`partner`,
                  `t23`.`flow`,
                  `t23`.`year`,
                  `t23`.`month`,
                  `t23`.`product_level`,
                  `t23`.`code`,
                  `t23`.`product_scheme`,
                  `t23`.`value`,
                  `t23`.`confidential_value`,
                  `t23`.`currency`,
                  `t23`.`vintage`,
                  `t23`.`side`,
                  `t23`.`synthetic`,
                  `t23`.`file_dated`,
                  `t23`.`level_rank`,
                  `t23`.`unconverted`
                FROM (
                  SELECT
                    `t22`.`source`,
                    `t22`.`reporter`,
                    `t22`.`partner`,
                    `t22`.`flow`,
                    `t22`.`year`,
                    `t22`.`month`,
                    `t22`.`product_level`,
                    `t22`.`code`,
                    `t22`.`product_scheme`,
                    (
                      `t22`.`value` * `t22`.`target_rate`
                    ) / `t22`.`own_rate` AS `value`,
                    (
                      `t22`.`confidential_value` * `t22`.`target_rate`
                    ) / `t22`.`own_rate` AS `confidential_value`,
                    'USD' AS `currency`,
                    `t22`.`vintage`,
                    `t22`.`side`,
                    `t22`.`synthetic`,
                    `t22`.`file_dated`,
                    `t22`.`level_rank`,
                    `t22`.`rate_currency`,
                    `t22`.`rate_year`,
                    `t22`.`rate_month`,
                    `t22`.`own_rate`,
                    `t22`.`target_currency`,
                    `t22`.`target_year`,
                    `t22`.`target_month`,
                    `t22`.`target_rate`,
                    `t22`.`own_rate` IS NULL
                    OR ISNAN(`t22`.`own_rate`)
                    OR (
                      `t22`.`target_rate` IS NULL OR ISNAN(`t22`.`target_rate`)
                    ) AS `unconverted`
                  FROM (
                    SELECT
                      `t21`.`source`,
                      `t21`.`reporter`,
                      `t21`.`partner`,
                      `t21`.`flow`,
                      `t21`.`year`,
                      `t21`.`month`,
                      `t21`.`product_level`,
                      `t21`.`code`,
                      `t21`.`product_scheme`,
                      `t21`.`value`,
                      `t21`.`confidential_value`,
                      `t21`.`currency`,
                      `t21`.`vintage`,
                      `t21`.`side`,
                      `t21`.`synthetic`,
                      `t21`.`file_dated`,
                      `t21`.`level_rank`,
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
                        `t19`.`vintage`,
                        `t19`.`side`,
                        `t19`.`synthetic`,
                        `t19`.`file_dated`,
                        `t19`.`level_rank`
                      FROM (
                        SELECT
                          *
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
                            `t17`.`vintage`,
                            `t17`.`side`,
                            `t17`.`synthetic`,
                            `t17`.`file_dated`,
                            `t17`.`level_rank`,
                            `t17`.`_annual`,
                            MIN(`t17`.`level_rank`) OVER (
                              PARTITION BY `t17`.`source`, `t17`.`side`, `t17`.`year`, `t17`.`reporter`, `t17`.`partner`
                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                            ) AS `_first_level`,
                            BOOL_OR(`t17`.`_annual`) OVER (
                              PARTITION BY `t17`.`source`, `t17`.`side`, `t17`.`year`, `t17`.`reporter`, `t17`.`partner`
                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                            ) AS `_any_annual`
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
                              `t16`.`vintage`,
                              `t16`.`side`,
                              `t16`.`synthetic`,
                              `t16`.`file_dated`,
                              CASE `t16`.`product_level`
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
                              `t16`.`month` IS NULL AS `_annual`
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
                                `t15`.`vintage`,
                                `t15`.`side`,
                                `t15`.`synthetic`,
                                `t15`.`file_dated`
                              FROM (
                                SELECT
                                  *
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
                                    `t13`.`vintage`,
                                    `t13`.`side`,
                                    `t13`.`synthetic`,
                                    `t13`.`file_dated`,
                                    `t13`.`_members_rank`,
                                    CASE
                                      WHEN `t13`.`year` = 2023
                                      THEN MIN(IF(`t13`.`year` = 2023, `t13`.`_members_rank`, NULL)) OVER (
                                        PARTITION BY `t13`.`source`, `t13`.`side`
                                        ORDER BY `t13`.`year` ASC, `t13`.`reporter` ASC, `t13`.`partner` ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                      )
                                      WHEN `t13`.`year` = 2024
                                      THEN MIN(IF(`t13`.`year` = 2024, `t13`.`_members_rank`, NULL)) OVER (
                                        PARTITION BY `t13`.`source`, `t13`.`side`
                                        ORDER BY `t13`.`year` ASC, `t13`.`reporter` ASC, `t13`.`partner` ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                      )
                                      ELSE NULL
                                    END AS `_fewest`
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
                                      0 AS `_members_rank`
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
                                        `t11`.`file_dated`
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
                                          CONTAINS(COALESCE(`t10`.`flags`, ''), 'synthetic') AS `synthetic`,
                                          CONTAINS(COALESCE(`t10`.`flags`, ''), 'file_dated') AS `file_dated`
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
                                  ) AS `t13`
                                ) AS `t14`
                                WHERE
                                  `t14`.`_members_rank` = `t14`.`_fewest`
                              ) AS `t15`
                            ) AS `t16`
                          ) AS `t17`
                        ) AS `t18`
                        WHERE
                          `t18`.`level_rank` = `t18`.`_first_level`
                          AND `t18`.`_annual` = `t18`.`_any_annual`
                      ) AS `t19`
                    ) AS `t21`
                    LEFT OUTER JOIN (
                      SELECT
                        `t0`.`currency` AS `rate_currency`,
                        `t0`.`year` AS `rate_year`,
                        `t0`.`month` AS `rate_month`,
                        `t0`.`per_eur` AS `own_rate`
                      FROM `rates` AS `t0`
                    ) AS `t4`
                      ON `t21`.`currency` = `t4`.`rate_currency`
                      AND `t21`.`year` = `t4`.`rate_year`
                      AND `t21`.`month` IS NOT DISTINCT FROM `t4`.`rate_month`
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
                      ON `t21`.`year` = `t5`.`target_year`
                      AND `t21`.`month` IS NOT DISTINCT FROM `t5`.`target_month`
                  ) AS `t22`
                ) AS `t23`
              ) AS `t24`
            ) AS `t25`
            GROUP BY
              1,
              2,
              3
          ) AS `t26`
        ) AS `t27`
      ) AS `t28`
    ) AS `t29`
    WHERE
      (
        `t29`.`part`.`kind` = 'held'
      )
      OR (
        (
          `t29`.`part`.`kind` = 'line'
        ) AND `t29`.`traded`
      )
  ) AS `t30`
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
) AS `t31`
