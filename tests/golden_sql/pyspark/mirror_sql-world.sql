-- bilateral.query.mirror.mirror_sql(country(0000), group(WORLD), (2023, 2024), dialect='pyspark')
SELECT
  `t23`.`part`,
  IF(`t23`.`part` = 'totals', `t23`.`source`, CAST(NULL AS STRING)) AS `totals__source`,
  IF(`t23`.`part` = 'totals', `t23`.`side`, CAST(NULL AS STRING)) AS `totals__side`,
  IF(`t23`.`part` = 'totals', `t23`.`flow`, CAST(NULL AS STRING)) AS `totals__flow`,
  IF(`t23`.`part` = 'totals', `t23`.`year`, CAST(NULL AS SMALLINT)) AS `totals__year`,
  IF(`t23`.`part` = 'totals', `t23`.`month`, CAST(NULL AS TINYINT)) AS `totals__month`,
  IF(`t23`.`part` = 'totals', `t23`.`reporter`, CAST(NULL AS STRING)) AS `totals__reporter`,
  IF(`t23`.`part` = 'totals', `t23`.`unconverted`, CAST(NULL AS BIGINT)) AS `totals__unconverted`,
  IF(`t23`.`part` = 'totals', 1, CAST(NULL AS BIGINT)) AS `totals__reporters`,
  IF(`t23`.`part` = 'totals', ARRAY(`t23`.`reporter`), CAST(NULL AS ARRAY<STRING>)) AS `totals__members`,
  IF(`t23`.`part` = 'totals', `t23`.`value`, CAST(NULL AS DOUBLE)) AS `totals__value`,
  IF(`t23`.`part` = 'totals', `t23`.`confidential_value`, CAST(NULL AS DOUBLE)) AS `totals__confidential_value`,
  IF(`t23`.`part` = 'totals', `t23`.`currency`, CAST(NULL AS STRING)) AS `totals__currency`,
  IF(`t23`.`part` = 'totals', `t23`.`vintage`, CAST(NULL AS STRING)) AS `totals__vintage`,
  IF(`t23`.`part` = 'totals', `t23`.`months`, CAST(NULL AS BIGINT)) AS `totals__months`,
  IF(`t23`.`part` = 'totals', `t23`.`annual`, CAST(NULL AS BOOLEAN)) AS `totals__annual`,
  IF(`t23`.`part` = 'totals', `t23`.`synthetic`, CAST(NULL AS BOOLEAN)) AS `totals__synthetic`,
  IF(`t23`.`part` = 'totals', `t23`.`reconciled`, CAST(NULL AS BOOLEAN)) AS `totals__reconciled`,
  IF(`t23`.`part` = 'totals', `t23`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `totals__file_dated`,
  IF(`t23`.`part` = 'totals', `t23`.`product_level`, CAST(NULL AS STRING)) AS `totals__product_level`,
  IF(`t23`.`part` = 'chapters', `t23`.`source`, CAST(NULL AS STRING)) AS `chapters__source`,
  IF(`t23`.`part` = 'chapters', `t23`.`side`, CAST(NULL AS STRING)) AS `chapters__side`,
  IF(`t23`.`part` = 'chapters', `t23`.`flow`, CAST(NULL AS STRING)) AS `chapters__flow`,
  IF(`t23`.`part` = 'chapters', `t23`.`year`, CAST(NULL AS SMALLINT)) AS `chapters__year`,
  IF(`t23`.`part` = 'chapters', `t23`.`code`, CAST(NULL AS STRING)) AS `chapters__code`,
  IF(`t23`.`part` = 'chapters', `t23`.`unconverted`, CAST(NULL AS BIGINT)) AS `chapters__unconverted`,
  IF(`t23`.`part` = 'chapters', `t23`.`value`, CAST(NULL AS DOUBLE)) AS `chapters__value`,
  IF(`t23`.`part` = 'unallocated', `t23`.`source`, CAST(NULL AS STRING)) AS `unallocated__source`,
  IF(`t23`.`part` = 'unallocated', `t23`.`flow`, CAST(NULL AS STRING)) AS `unallocated__flow`,
  IF(`t23`.`part` = 'unallocated', `t23`.`year`, CAST(NULL AS SMALLINT)) AS `unallocated__year`,
  IF(`t23`.`part` = 'unallocated', `t23`.`total`, CAST(NULL AS DOUBLE)) AS `unallocated__total`,
  IF(`t23`.`part` = 'unallocated', `t23`.`unallocated`, CAST(NULL AS DOUBLE)) AS `unallocated__unallocated`,
  IF(`t23`.`part` = 'unallocated', `t23`.`side`, CAST(NULL AS STRING)) AS `unallocated__side`
FROM (
  SELECT
    `t22`.`part`,
    `t22`.`source`,
    `t22`.`side`,
    `t22`.`flow`,
    `t22`.`year`,
    IF(`t22`.`part` = 'totals', `t22`.`month`, CAST(NULL AS TINYINT)) AS `month`,
    IF(`t22`.`part` = 'totals', `t22`.`reporter`, CAST(NULL AS STRING)) AS `reporter`,
    IF(`t22`.`part` = 'chapters', `t22`.`code`, CAST(NULL AS STRING)) AS `code`,
    SUM(CAST(`t22`.`unconverted` AS INT)) AS `unconverted`,
    SUM(`t22`.`value`) AS `value`,
    SUM(`t22`.`confidential_value`) AS `confidential_value`,
    ARRAY_MIN(COLLECT_LIST(`t22`.`currency`)) AS `currency`,
    ARRAY_MAX(COLLECT_LIST(`t22`.`vintage`)) AS `vintage`,
    COALESCE(SIZE(ARRAY_DISTINCT(COLLECT_LIST(`t22`.`month`))), 0) AS `months`,
    BOOL_OR(`t22`.`month` IS NULL) AS `annual`,
    BOOL_OR(CONTAINS(COALESCE(`t22`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t22`.`flags`, ''), 'reconciled')) AS `reconciled`,
    BOOL_OR(CONTAINS(COALESCE(`t22`.`flags`, ''), 'file_dated')) AS `file_dated`,
    MIN(`t22`.`product_level`) AS `product_level`,
    SUM(`t22`.`raw_value`) AS `total`,
    SUM(
      IF(
        `t22`.`partner` IN (
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
        `t22`.`raw_value`,
        0.0
      )
    ) AS `unallocated`
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
      `t21`.`level_rank`,
      `t21`.`value` AS `raw_value`,
      FALSE AS `unconverted`
    FROM (
      SELECT
        `t20`.`part`,
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
        `t20`.`_members_key`,
        `t20`.`level_rank`
      FROM (
        SELECT
          *
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
            `t18`.`_members_key`,
            `t18`.`level_rank`,
            `t18`.`_annual`,
            MIN(`t18`.`level_rank`) OVER (
              PARTITION BY `t18`.`part`, `t18`.`source`, `t18`.`side`, `t18`.`flow`, `t18`.`year`, `t18`.`_members_key`, `t18`.`reporter`, `t18`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_first_level`,
            BOOL_OR(`t18`.`_annual`) OVER (
              PARTITION BY `t18`.`part`, `t18`.`source`, `t18`.`side`, `t18`.`flow`, `t18`.`year`, `t18`.`_members_key`, `t18`.`reporter`, `t18`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_any_annual`
          FROM (
            SELECT
              `t17`.`part`,
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
              `t17`.`_members_key`,
              `t17`.`level_rank`,
              `t17`.`_annual`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t15`.`part`,
                  `t15`.`side`,
                  `t15`.`source`,
                  `t15`.`reporter`,
                  `t15`.`partner`,
                  `t15`.`flow`,
                  `t15`.`year`,
                  `t15`.`month`,
                  `t15`.`product_level`,
                  `t15`.`code`,
                  `t15`.`value`,
                  `t15`.`confidential_value`,
                  `t15`.`currency`,
                  `t15`.`flags`,
                  `t15`.`vintage`,
                  `t15`.`_members_key`,
                  `t15`.`level_rank`,
                  `t15`.`_annual`,
                  `t15`.`_members_rank`,
                  MIN(`t15`.`_members_rank`) OVER (
                    PARTITION BY `t15`.`part`, `t15`.`source`, `t15`.`side`, `t15`.`flow`, `t15`.`year`, `t15`.`_members_key`
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS `_fewest`
                FROM (
                  SELECT
                    `t14`.`part`,
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
                    IF(`t14`.`part` = 'unallocated', `t14`.`partner`, CAST(NULL AS STRING)) AS `_members_key`,
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
                    `t14`.`month` IS NULL AS `_annual`,
                    IF(
                      `t14`.`part` = 'unallocated',
                      CASE
                        WHEN `t14`.`side` = 'first'
                        THEN (
                          CAST(NOT (
                            FALSE AND (
                              `t14`.`reporter` = 'bilateral_stand_in_0000'
                            )
                          ) AS TINYINT) * 2
                        ) + CAST(NOT (
                          TRUE AND (
                            `t14`.`partner` = 'WORLD'
                          )
                        ) AS TINYINT)
                        ELSE (
                          CAST(NOT (
                            TRUE AND (
                              `t14`.`reporter` = 'WORLD'
                            )
                          ) AS TINYINT) * 2
                        ) + CAST(NOT (
                          TRUE AND (
                            `t14`.`partner` = 'WORLD'
                          )
                        ) AS TINYINT)
                      END,
                      CASE
                        WHEN `t14`.`side` = 'first'
                        THEN (
                          CAST(NOT (
                            FALSE AND (
                              `t14`.`reporter` = 'bilateral_stand_in_0000'
                            )
                          ) AS TINYINT) * 2
                        ) + CAST(NOT (
                          TRUE AND (
                            `t14`.`partner` = 'WORLD'
                          )
                        ) AS TINYINT)
                        ELSE (
                          CAST(NOT (
                            TRUE AND (
                              `t14`.`reporter` = 'WORLD'
                            )
                          ) AS TINYINT) * 2
                        ) + CAST(NOT (
                          FALSE AND (
                            `t14`.`partner` = 'bilateral_stand_in_0000'
                          )
                        ) AS TINYINT)
                      END
                    ) AS `_members_rank`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        IF(`t11`.`_tag` = 0, 'totals', 'unallocated') AS `part`,
                        CASE
                          WHEN `t11`.`_tag` = 0
                          THEN `t11`.`_pair_side`
                          WHEN `t11`.`_tag` = 1
                          THEN 'first'
                          ELSE 'second'
                        END AS `side`,
                        `t11`.`source`,
                        `t11`.`reporter`,
                        `t11`.`partner`,
                        `t11`.`flow`,
                        `t11`.`year`,
                        `t11`.`month`,
                        `t11`.`product_level`,
                        CAST(NULL AS STRING) AS `code`,
                        `t11`.`value`,
                        `t11`.`confidential_value`,
                        `t11`.`currency`,
                        `t11`.`flags`,
                        `t11`.`vintage`
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
                          CASE
                            WHEN `t7`.`reporter` IN ('bilateral_stand_in_0000')
                            AND (
                              (
                                `t7`.`partner` = 'WORLD'
                              )
                              OR NOT (
                                `t7`.`partner` IN (
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
                                `t7`.`reporter` = 'WORLD'
                              )
                              OR NOT (
                                `t7`.`reporter` IN (
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
                            AND `t7`.`partner` IN ('bilateral_stand_in_0000')
                            THEN 'second'
                            ELSE CAST(NULL AS STRING)
                          END AS `_pair_side`,
                          EXPLODE(
                            ARRAY(
                              IF(
                                CASE
                                  WHEN `t7`.`reporter` IN ('bilateral_stand_in_0000')
                                  AND (
                                    (
                                      `t7`.`partner` = 'WORLD'
                                    )
                                    OR NOT (
                                      `t7`.`partner` IN (
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
                                      `t7`.`reporter` = 'WORLD'
                                    )
                                    OR NOT (
                                      `t7`.`reporter` IN (
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
                                  AND `t7`.`partner` IN ('bilateral_stand_in_0000')
                                  THEN 'second'
                                  ELSE CAST(NULL AS STRING)
                                END IS NOT NULL,
                                0,
                                CAST(NULL AS TINYINT)
                              ),
                              IF(
                                `t7`.`reporter` IN ('bilateral_stand_in_0000')
                                AND (
                                  (
                                    `t7`.`partner` = 'WORLD'
                                  )
                                  OR NOT (
                                    `t7`.`partner` IN (
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
                                (
                                  (
                                    `t7`.`reporter` = 'WORLD'
                                  )
                                  OR NOT (
                                    `t7`.`reporter` IN (
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
                                AND (
                                  (
                                    `t7`.`partner` = 'WORLD'
                                  )
                                  OR NOT (
                                    `t7`.`partner` IN (
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
                            `t6`.`source`,
                            `t6`.`reporter`,
                            `t6`.`partner`,
                            `t6`.`flow`,
                            `t6`.`year`,
                            `t6`.`month`,
                            `t6`.`product_level`,
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
                                FROM `rollup_totals` AS `t0`
                                WHERE
                                  `t0`.`year` IN (2023, 2024)
                              ) AS `t2`
                            ) AS `t4`
                          ) AS `t6`
                        ) AS `t7`
                      ) AS `t11`
                      WHERE
                        `t11`.`_tag` IS NOT NULL
                    ) AS `t13`
                    UNION ALL
                    SELECT
                      *
                    FROM (
                      SELECT
                        'chapters' AS `part`,
                        `t10`.`side`,
                        `t10`.`source`,
                        `t10`.`reporter`,
                        `t10`.`partner`,
                        `t10`.`flow`,
                        `t10`.`year`,
                        `t10`.`month`,
                        `t10`.`product_level`,
                        `t10`.`code`,
                        `t10`.`value`,
                        `t10`.`confidential_value`,
                        `t10`.`currency`,
                        `t10`.`flags`,
                        `t10`.`vintage`
                      FROM (
                        SELECT
                          `t9`.`source`,
                          `t9`.`reporter`,
                          `t9`.`partner`,
                          `t9`.`flow`,
                          `t9`.`year`,
                          `t9`.`month`,
                          `t9`.`product_level`,
                          `t9`.`classification`,
                          `t9`.`code`,
                          `t9`.`value`,
                          `t9`.`confidential_value`,
                          `t9`.`quantity_kg`,
                          `t9`.`rows`,
                          `t9`.`currency`,
                          `t9`.`flags`,
                          `t9`.`vintage`,
                          CASE
                            WHEN `t9`.`reporter` IN ('bilateral_stand_in_0000')
                            AND (
                              (
                                `t9`.`partner` = 'WORLD'
                              )
                              OR NOT (
                                `t9`.`partner` IN (
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
                                `t9`.`reporter` = 'WORLD'
                              )
                              OR NOT (
                                `t9`.`reporter` IN (
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
                            `t8`.`classification`,
                            `t8`.`code`,
                            `t8`.`value`,
                            `t8`.`confidential_value`,
                            `t8`.`quantity_kg`,
                            `t8`.`rows`,
                            `t8`.`currency`,
                            `t8`.`flags`,
                            `t8`.`vintage`
                          FROM (
                            SELECT
                              `t5`.`source`,
                              IF(`t5`.`_copy`, `t5`.`partner`, `t5`.`reporter`) AS `reporter`,
                              IF(`t5`.`_copy`, `t5`.`reporter`, `t5`.`partner`) AS `partner`,
                              IF(`t5`.`_copy`, REPLACE(`t5`.`flow`, 'export', 'import'), `t5`.`flow`) AS `flow`,
                              `t5`.`year`,
                              `t5`.`month`,
                              `t5`.`product_level`,
                              `t5`.`classification`,
                              `t5`.`code`,
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
                                `t3`.`classification`,
                                `t3`.`code`,
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
                                FROM `rollup_products` AS `t1`
                                WHERE
                                  `t1`.`classification` = 'HS2'
                                  AND `t1`.`year` IN (2023, 2024)
                                  AND (
                                    `t1`.`reporter` IN ('bilateral_stand_in_0000')
                                    OR `t1`.`partner` IN ('bilateral_stand_in_0000')
                                  )
                              ) AS `t3`
                            ) AS `t5`
                          ) AS `t8`
                        ) AS `t9`
                      ) AS `t10`
                      WHERE
                        `t10`.`side` IS NOT NULL
                    ) AS `t12`
                  ) AS `t14`
                ) AS `t15`
              ) AS `t16`
              WHERE
                `t16`.`_members_rank` = `t16`.`_fewest`
            ) AS `t17`
          ) AS `t18`
        ) AS `t19`
        WHERE
          `t19`.`level_rank` = `t19`.`_first_level`
          AND `t19`.`_annual` = `t19`.`_any_annual`
      ) AS `t20`
    ) AS `t21`
    WHERE
      (
        `t21`.`part` <> 'unallocated'
      ) OR (
        `t21`.`partner` <> 'WORLD'
      )
  ) AS `t22`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8
) AS `t23`
