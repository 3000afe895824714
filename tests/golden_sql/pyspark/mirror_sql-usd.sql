-- bilateral.query.mirror.mirror_sql(country(0000), country(0001), (2023, 2024), currency='USD', dialect='pyspark')
SELECT
  `t28`.`part`,
  IF(`t28`.`part` = 'totals', `t28`.`source`, CAST(NULL AS STRING)) AS `totals__source`,
  IF(`t28`.`part` = 'totals', `t28`.`side`, CAST(NULL AS STRING)) AS `totals__side`,
  IF(`t28`.`part` = 'totals', `t28`.`flow`, CAST(NULL AS STRING)) AS `totals__flow`,
  IF(`t28`.`part` = 'totals', `t28`.`year`, CAST(NULL AS SMALLINT)) AS `totals__year`,
  IF(`t28`.`part` = 'totals', `t28`.`month`, CAST(NULL AS TINYINT)) AS `totals__month`,
  IF(`t28`.`part` = 'totals', `t28`.`reporter`, CAST(NULL AS STRING)) AS `totals__reporter`,
  IF(`t28`.`part` = 'totals', `t28`.`unconverted`, CAST(NULL AS BIGINT)) AS `totals__unconverted`,
  IF(`t28`.`part` = 'totals', `t28`.`value`, CAST(NULL AS DOUBLE)) AS `totals__value`,
  IF(`t28`.`part` = 'totals', `t28`.`confidential_value`, CAST(NULL AS DOUBLE)) AS `totals__confidential_value`,
  IF(`t28`.`part` = 'totals', `t28`.`currency`, CAST(NULL AS STRING)) AS `totals__currency`,
  IF(`t28`.`part` = 'totals', `t28`.`vintage`, CAST(NULL AS STRING)) AS `totals__vintage`,
  IF(`t28`.`part` = 'totals', `t28`.`months`, CAST(NULL AS BIGINT)) AS `totals__months`,
  IF(`t28`.`part` = 'totals', `t28`.`annual`, CAST(NULL AS BOOLEAN)) AS `totals__annual`,
  IF(`t28`.`part` = 'totals', `t28`.`synthetic`, CAST(NULL AS BOOLEAN)) AS `totals__synthetic`,
  IF(`t28`.`part` = 'totals', `t28`.`reconciled`, CAST(NULL AS BOOLEAN)) AS `totals__reconciled`,
  IF(`t28`.`part` = 'totals', `t28`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `totals__file_dated`,
  IF(`t28`.`part` = 'totals', `t28`.`product_level`, CAST(NULL AS STRING)) AS `totals__product_level`,
  IF(`t28`.`part` = 'chapters', `t28`.`source`, CAST(NULL AS STRING)) AS `chapters__source`,
  IF(`t28`.`part` = 'chapters', `t28`.`side`, CAST(NULL AS STRING)) AS `chapters__side`,
  IF(`t28`.`part` = 'chapters', `t28`.`flow`, CAST(NULL AS STRING)) AS `chapters__flow`,
  IF(`t28`.`part` = 'chapters', `t28`.`year`, CAST(NULL AS SMALLINT)) AS `chapters__year`,
  IF(`t28`.`part` = 'chapters', `t28`.`code`, CAST(NULL AS STRING)) AS `chapters__code`,
  IF(`t28`.`part` = 'chapters', `t28`.`unconverted`, CAST(NULL AS BIGINT)) AS `chapters__unconverted`,
  IF(`t28`.`part` = 'chapters', `t28`.`value`, CAST(NULL AS DOUBLE)) AS `chapters__value`,
  IF(`t28`.`part` = 'unallocated', `t28`.`source`, CAST(NULL AS STRING)) AS `unallocated__source`,
  IF(`t28`.`part` = 'unallocated', `t28`.`flow`, CAST(NULL AS STRING)) AS `unallocated__flow`,
  IF(`t28`.`part` = 'unallocated', `t28`.`year`, CAST(NULL AS SMALLINT)) AS `unallocated__year`,
  IF(`t28`.`part` = 'unallocated', `t28`.`total`, CAST(NULL AS DOUBLE)) AS `unallocated__total`,
  IF(`t28`.`part` = 'unallocated', `t28`.`unallocated`, CAST(NULL AS DOUBLE)) AS `unallocated__unallocated`,
  IF(`t28`.`part` = 'unallocated', `t28`.`side`, CAST(NULL AS STRING)) AS `unallocated__side`
FROM (
  SELECT
    `t27`.`part`,
    `t27`.`source`,
    `t27`.`side`,
    `t27`.`flow`,
    `t27`.`year`,
    IF(`t27`.`part` = 'totals', `t27`.`month`, CAST(NULL AS TINYINT)) AS `month`,
    IF(`t27`.`part` = 'totals', `t27`.`reporter`, CAST(NULL AS STRING)) AS `reporter`,
    IF(`t27`.`part` = 'chapters', `t27`.`code`, CAST(NULL AS STRING)) AS `code`,
    SUM(CAST(`t27`.`unconverted` AS INT)) AS `unconverted`,
    SUM(`t27`.`value`) AS `value`,
    SUM(`t27`.`confidential_value`) AS `confidential_value`,
    ARRAY_MIN(COLLECT_LIST(`t27`.`currency`)) AS `currency`,
    ARRAY_MAX(COLLECT_LIST(`t27`.`vintage`)) AS `vintage`,
    COALESCE(SIZE(ARRAY_DISTINCT(COLLECT_LIST(`t27`.`month`))), 0) AS `months`,
    BOOL_OR(`t27`.`month` IS NULL) AS `annual`,
    BOOL_OR(CONTAINS(COALESCE(`t27`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t27`.`flags`, ''), 'reconciled')) AS `reconciled`,
    BOOL_OR(CONTAINS(COALESCE(`t27`.`flags`, ''), 'file_dated')) AS `file_dated`,
    MIN(`t27`.`product_level`) AS `product_level`,
    SUM(`t27`.`raw_value`) AS `total`,
    SUM(
      IF(
        `t27`.`partner` IN (
          'A59',
          'A79',
          'E19',
          'F19',
          'QU',
          'QV',
          'QW',
          'QX',
          'QY',
          'QZ',
          'XNA',
          'XNM',
          'XNW',
          'XSC',
          'ZZ',
          '_X'
        ),
        `t27`.`raw_value`,
        0.0
      )
    ) AS `unallocated`
  FROM (
    SELECT
      `t26`.`part`,
      `t26`.`side`,
      `t26`.`source`,
      `t26`.`reporter`,
      `t26`.`partner`,
      `t26`.`flow`,
      `t26`.`year`,
      `t26`.`month`,
      `t26`.`product_level`,
      `t26`.`code`,
      `t26`.`value`,
      `t26`.`confidential_value`,
      `t26`.`currency`,
      `t26`.`flags`,
      `t26`.`vintage`,
      `t26`.`_members_key`,
      `t26`.`level_rank`,
      `t26`.`raw_value`,
      `t26`.`unconverted`
    FROM (
      SELECT
        `t25`.`part`,
        `t25`.`side`,
        `t25`.`source`,
        `t25`.`reporter`,
        `t25`.`partner`,
        `t25`.`flow`,
        `t25`.`year`,
        `t25`.`month`,
        `t25`.`product_level`,
        `t25`.`code`,
        (
          `t25`.`value` * `t25`.`target_rate`
        ) / `t25`.`own_rate` AS `value`,
        (
          `t25`.`confidential_value` * `t25`.`target_rate`
        ) / `t25`.`own_rate` AS `confidential_value`,
        'USD' AS `currency`,
        `t25`.`flags`,
        `t25`.`vintage`,
        `t25`.`_members_key`,
        `t25`.`level_rank`,
        `t25`.`raw_value`,
        `t25`.`rate_currency`,
        `t25`.`rate_year`,
        `t25`.`rate_month`,
        `t25`.`own_rate`,
        `t25`.`target_currency`,
        `t25`.`target_year`,
        `t25`.`target_month`,
        `t25`.`target_rate`,
        `t25`.`own_rate` IS NULL
        OR ISNAN(`t25`.`own_rate`)
        OR (
          `t25`.`target_rate` IS NULL OR ISNAN(`t25`.`target_rate`)
        ) AS `unconverted`
      FROM (
        SELECT
          `t24`.`part`,
          `t24`.`side`,
          `t24`.`source`,
          `t24`.`reporter`,
          `t24`.`partner`,
          `t24`.`flow`,
          `t24`.`year`,
          `t24`.`month`,
          `t24`.`product_level`,
          `t24`.`code`,
          `t24`.`value`,
          `t24`.`confidential_value`,
          `t24`.`currency`,
          `t24`.`flags`,
          `t24`.`vintage`,
          `t24`.`_members_key`,
          `t24`.`level_rank`,
          `t24`.`raw_value`,
          `t5`.`rate_currency`,
          `t5`.`rate_year`,
          `t5`.`rate_month`,
          `t5`.`own_rate`,
          `t6`.`target_currency`,
          `t6`.`target_year`,
          `t6`.`target_month`,
          `t6`.`target_rate`
        FROM (
          SELECT
            `t22`.`part`,
            `t22`.`side`,
            `t22`.`source`,
            `t22`.`reporter`,
            `t22`.`partner`,
            `t22`.`flow`,
            `t22`.`year`,
            `t22`.`month`,
            `t22`.`product_level`,
            `t22`.`code`,
            `t22`.`value`,
            `t22`.`confidential_value`,
            `t22`.`currency`,
            `t22`.`flags`,
            `t22`.`vintage`,
            `t22`.`_members_key`,
            `t22`.`level_rank`,
            `t22`.`value` AS `raw_value`
          FROM (
            SELECT
              `t21`.`part`,
              `t21`.`side`,
              `t21`.`source`,
              `t21`.`reporter`,
              `t21`.`partner`,
              `t21`.`flow`,
              `t21`.`year`,
              `t21`.`month`,
              `t21`.`product_level`,
              `t21`.`code`,
              `t21`.`value`,
              `t21`.`confidential_value`,
              `t21`.`currency`,
              `t21`.`flags`,
              `t21`.`vintage`,
              `t21`.`_members_key`,
              `t21`.`level_rank`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t19`.`part`,
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
                  `t19`.`_members_key`,
                  `t19`.`level_rank`,
                  `t19`.`_annual`,
                  MIN(`t19`.`level_rank`) OVER (
                    PARTITION BY `t19`.`part`, `t19`.`source`, `t19`.`side`, `t19`.`flow`, `t19`.`year`, `t19`.`_members_key`, `t19`.`reporter`, `t19`.`partner`
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS `_first_level`,
                  BOOL_OR(`t19`.`_annual`) OVER (
                    PARTITION BY `t19`.`part`, `t19`.`source`, `t19`.`side`, `t19`.`flow`, `t19`.`year`, `t19`.`_members_key`, `t19`.`reporter`, `t19`.`partner`
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS `_any_annual`
                FROM (
                  SELECT
                    `t18`.`part`,
                    `t18`.`side`,
                    `t18`.`source`,
                    `t18`.`reporter`,
                    `t18`.`partner`,
                    `t18`.`flow`,
                    `t18`.`year`,
                    `t18`.`month`,
                    `t18`.`product_level`,
                    `t18`.`code`,
                    `t18`.`value`,
                    `t18`.`confidential_value`,
                    `t18`.`currency`,
                    `t18`.`flags`,
                    `t18`.`vintage`,
                    IF(`t18`.`part` = 'unallocated', `t18`.`partner`, CAST(NULL AS STRING)) AS `_members_key`,
                    CASE `t18`.`product_level`
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
                    `t18`.`month` IS NULL AS `_annual`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        IF(`t16`.`_tag` = 0, 'totals', 'unallocated') AS `part`,
                        CASE
                          WHEN `t16`.`_tag` = 0
                          THEN `t16`.`_pair_side`
                          WHEN `t16`.`_tag` = 1
                          THEN 'first'
                          ELSE 'second'
                        END AS `side`,
                        `t16`.`source`,
                        `t16`.`reporter`,
                        `t16`.`partner`,
                        `t16`.`flow`,
                        `t16`.`year`,
                        `t16`.`month`,
                        `t16`.`product_level`,
                        CAST(NULL AS STRING) AS `code`,
                        `t16`.`value`,
                        `t16`.`confidential_value`,
                        `t16`.`currency`,
                        `t16`.`flags`,
                        `t16`.`vintage`
                      FROM (
                        SELECT
                          `t13`.`source`,
                          `t13`.`reporter`,
                          `t13`.`partner`,
                          `t13`.`flow`,
                          `t13`.`year`,
                          `t13`.`month`,
                          `t13`.`product_level`,
                          `t13`.`value`,
                          `t13`.`confidential_value`,
                          `t13`.`quantity_kg`,
                          `t13`.`rows`,
                          `t13`.`currency`,
                          `t13`.`flags`,
                          `t13`.`vintage`,
                          CASE
                            WHEN `t13`.`reporter` IN ('bilateral_stand_in_0000')
                            AND `t13`.`partner` IN ('bilateral_stand_in_0001')
                            THEN 'first'
                            WHEN `t13`.`reporter` IN ('bilateral_stand_in_0001')
                            AND `t13`.`partner` IN ('bilateral_stand_in_0000')
                            THEN 'second'
                            ELSE CAST(NULL AS STRING)
                          END AS `_pair_side`,
                          EXPLODE(
                            ARRAY(
                              IF(
                                CASE
                                  WHEN `t13`.`reporter` IN ('bilateral_stand_in_0000')
                                  AND `t13`.`partner` IN ('bilateral_stand_in_0001')
                                  THEN 'first'
                                  WHEN `t13`.`reporter` IN ('bilateral_stand_in_0001')
                                  AND `t13`.`partner` IN ('bilateral_stand_in_0000')
                                  THEN 'second'
                                  ELSE CAST(NULL AS STRING)
                                END IS NOT NULL,
                                0,
                                CAST(NULL AS TINYINT)
                              ),
                              IF(
                                `t13`.`reporter` IN ('bilateral_stand_in_0000')
                                AND (
                                  (
                                    `t13`.`partner` = 'WORLD'
                                  )
                                  OR NOT (
                                    `t13`.`partner` IN (
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
                                ),
                                1,
                                CAST(NULL AS TINYINT)
                              ),
                              IF(
                                `t13`.`reporter` IN ('bilateral_stand_in_0001')
                                AND (
                                  (
                                    `t13`.`partner` = 'WORLD'
                                  )
                                  OR NOT (
                                    `t13`.`partner` IN (
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
                                ),
                                2,
                                CAST(NULL AS TINYINT)
                              )
                            )
                          ) AS `_tag`
                        FROM (
                          SELECT
                            `t11`.`source`,
                            `t11`.`reporter`,
                            `t11`.`partner`,
                            `t11`.`flow`,
                            `t11`.`year`,
                            `t11`.`month`,
                            `t11`.`product_level`,
                            `t11`.`value`,
                            `t11`.`confidential_value`,
                            `t11`.`quantity_kg`,
                            `t11`.`rows`,
                            `t11`.`currency`,
                            `t11`.`flags`,
                            `t11`.`vintage`
                          FROM (
                            SELECT
                              `t9`.`source`,
                              IF(`t9`.`_copy`, `t9`.`partner`, `t9`.`reporter`) AS `reporter`,
                              IF(`t9`.`_copy`, `t9`.`reporter`, `t9`.`partner`) AS `partner`,
                              IF(`t9`.`_copy`, REPLACE(`t9`.`flow`, 'export', 'import'), `t9`.`flow`) AS `flow`,
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
                              `t9`.`_copy`
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
                                `t7`.`vintage`,
                                EXPLODE(
                                  IF(
                                    `t7`.`source` IN ('baci')
                                    AND (
                                      `t7`.`flow` = 'export'
                                    )
                                    AND CONTAINS(COALESCE(`t7`.`flags`, ''), 'reconciled'),
                                    ARRAY(FALSE, TRUE),
                                    ARRAY(FALSE)
                                  )
                                ) AS `_copy`
                              FROM (
                                SELECT
                                  *
                                FROM `rollup_totals` AS `t2`
                                WHERE
                                  `t2`.`year` IN (2023, 2024)
                                  AND (
                                    `t2`.`reporter` IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
                                    OR `t2`.`partner` IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
                                  )
                              ) AS `t7`
                            ) AS `t9`
                          ) AS `t11`
                        ) AS `t13`
                      ) AS `t16`
                      WHERE
                        `t16`.`_tag` IS NOT NULL
                    ) AS `t17`
                    UNION ALL
                    SELECT
                      *
                    FROM (
                      SELECT
                        'chapters' AS `part`,
                        CASE
                          WHEN `t14`.`reporter` IN ('bilateral_stand_in_0000')
                          AND `t14`.`partner` IN ('bilateral_stand_in_0001')
                          THEN 'first'
                          WHEN `t14`.`reporter` IN ('bilateral_stand_in_0001')
                          AND `t14`.`partner` IN ('bilateral_stand_in_0000')
                          THEN 'second'
                          ELSE NULL
                        END AS `side`,
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
                        `t14`.`vintage`
                      FROM (
                        SELECT
                          `t12`.`source`,
                          `t12`.`reporter`,
                          `t12`.`partner`,
                          `t12`.`flow`,
                          `t12`.`year`,
                          `t12`.`month`,
                          `t12`.`product_level`,
                          `t12`.`classification`,
                          `t12`.`code`,
                          `t12`.`value`,
                          `t12`.`confidential_value`,
                          `t12`.`quantity_kg`,
                          `t12`.`rows`,
                          `t12`.`currency`,
                          `t12`.`flags`,
                          `t12`.`vintage`
                        FROM (
                          SELECT
                            `t10`.`source`,
                            IF(`t10`.`_copy`, `t10`.`partner`, `t10`.`reporter`) AS `reporter`,
                            IF(`t10`.`_copy`, `t10`.`reporter`, `t10`.`partner`) AS `partner`,
                            IF(`t10`.`_copy`, REPLACE(`t10`.`flow`, 'export', 'import'), `t10`.`flow`) AS `flow`,
                            `t10`.`year`,
                            `t10`.`month`,
                            `t10`.`product_level`,
                            `t10`.`classification`,
                            `t10`.`code`,
                            `t10`.`value`,
                            `t10`.`confidential_value`,
                            `t10`.`quantity_kg`,
                            `t10`.`rows`,
                            `t10`.`currency`,
                            `t10`.`flags`,
                            `t10`.`vintage`,
                            `t10`.`_copy`
                          FROM (
                            SELECT
                              `t8`.`source`,
                              `t8`.`reporter`,
                              `t8`.`partner`,
                              `t8`.`flow`,
                              `t8`.`year`,
                              `t8`.`month`,
                              `t8`.`product_level`,
                              `t8`.`classification`,
                              `t8`.`code`,
                              `t8`.`value`,
                              `t8`.`confidential_value`,
                              `t8`.`quantity_kg`,
                              `t8`.`rows`,
                              `t8`.`currency`,
                              `t8`.`flags`,
                              `t8`.`vintage`,
                              EXPLODE(
                                IF(
                                  `t8`.`source` IN ('baci')
                                  AND (
                                    `t8`.`flow` = 'export'
                                  )
                                  AND CONTAINS(COALESCE(`t8`.`flags`, ''), 'reconciled'),
                                  ARRAY(FALSE, TRUE),
                                  ARRAY(FALSE)
                                )
                              ) AS `_copy`
                            FROM (
                              SELECT
                                *
                              FROM `rollup_products` AS `t1`
                              WHERE
                                `t1`.`classification` = 'HS2'
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
                            ) AS `t8`
                          ) AS `t10`
                        ) AS `t12`
                      ) AS `t14`
                      WHERE
                        CASE
                          WHEN `t14`.`reporter` IN ('bilateral_stand_in_0000')
                          AND `t14`.`partner` IN ('bilateral_stand_in_0001')
                          THEN 'first'
                          WHEN `t14`.`reporter` IN ('bilateral_stand_in_0001')
                          AND `t14`.`partner` IN ('bilateral_stand_in_0000')
                          THEN 'second'
                          ELSE NULL
                        END IS NOT NULL
                    ) AS `t15`
                  ) AS `t18`
                ) AS `t19`
              ) AS `t20`
              WHERE
                `t20`.`level_rank` = `t20`.`_first_level`
                AND `t20`.`_annual` = `t20`.`_any_annual`
            ) AS `t21`
          ) AS `t22`
          WHERE
            (
              `t22`.`part` <> 'unallocated'
            ) OR (
              `t22`.`partner` <> 'WORLD'
            )
        ) AS `t24`
        LEFT OUTER JOIN (
          SELECT
            `t0`.`currency` AS `rate_currency`,
            `t0`.`year` AS `rate_year`,
            `t0`.`month` AS `rate_month`,
            `t0`.`per_eur` AS `own_rate`
          FROM `rates` AS `t0`
        ) AS `t5`
          ON `t24`.`currency` = `t5`.`rate_currency`
          AND `t24`.`year` = `t5`.`rate_year`
          AND `t24`.`month` IS NOT DISTINCT FROM `t5`.`rate_month`
        LEFT OUTER JOIN (
          SELECT
            `t0`.`currency` AS `target_currency`,
            `t0`.`year` AS `target_year`,
            `t0`.`month` AS `target_month`,
            `t0`.`per_eur` AS `target_rate`
          FROM `rates` AS `t0`
          WHERE
            `t0`.`currency` = 'USD'
        ) AS `t6`
          ON `t24`.`year` = `t6`.`target_year`
          AND `t24`.`month` IS NOT DISTINCT FROM `t6`.`target_month`
      ) AS `t25`
    ) AS `t26`
  ) AS `t27`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8
) AS `t28`
