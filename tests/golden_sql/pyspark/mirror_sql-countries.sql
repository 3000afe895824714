-- bilateral.query.mirror.mirror_sql(country(0000), country(0001), (2023, 2024), dialect='pyspark')
SELECT
  `t19`.`part`,
  IF(`t19`.`part` = 'totals', `t19`.`source`, CAST(NULL AS STRING)) AS `totals__source`,
  IF(`t19`.`part` = 'totals', `t19`.`side`, CAST(NULL AS STRING)) AS `totals__side`,
  IF(`t19`.`part` = 'totals', `t19`.`flow`, CAST(NULL AS STRING)) AS `totals__flow`,
  IF(`t19`.`part` = 'totals', `t19`.`year`, CAST(NULL AS SMALLINT)) AS `totals__year`,
  IF(`t19`.`part` = 'totals', `t19`.`month`, CAST(NULL AS TINYINT)) AS `totals__month`,
  IF(`t19`.`part` = 'totals', `t19`.`reporter`, CAST(NULL AS STRING)) AS `totals__reporter`,
  IF(`t19`.`part` = 'totals', `t19`.`unconverted`, CAST(NULL AS BIGINT)) AS `totals__unconverted`,
  IF(`t19`.`part` = 'totals', `t19`.`value`, CAST(NULL AS DOUBLE)) AS `totals__value`,
  IF(`t19`.`part` = 'totals', `t19`.`confidential_value`, CAST(NULL AS DOUBLE)) AS `totals__confidential_value`,
  IF(`t19`.`part` = 'totals', `t19`.`currency`, CAST(NULL AS STRING)) AS `totals__currency`,
  IF(`t19`.`part` = 'totals', `t19`.`vintage`, CAST(NULL AS STRING)) AS `totals__vintage`,
  IF(`t19`.`part` = 'totals', `t19`.`months`, CAST(NULL AS BIGINT)) AS `totals__months`,
  IF(`t19`.`part` = 'totals', `t19`.`annual`, CAST(NULL AS BOOLEAN)) AS `totals__annual`,
  IF(`t19`.`part` = 'totals', `t19`.`synthetic`, CAST(NULL AS BOOLEAN)) AS `totals__synthetic`,
  IF(`t19`.`part` = 'totals', `t19`.`reconciled`, CAST(NULL AS BOOLEAN)) AS `totals__reconciled`,
  IF(`t19`.`part` = 'totals', `t19`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `totals__file_dated`,
  IF(`t19`.`part` = 'totals', `t19`.`product_level`, CAST(NULL AS STRING)) AS `totals__product_level`,
  IF(`t19`.`part` = 'chapters', `t19`.`source`, CAST(NULL AS STRING)) AS `chapters__source`,
  IF(`t19`.`part` = 'chapters', `t19`.`side`, CAST(NULL AS STRING)) AS `chapters__side`,
  IF(`t19`.`part` = 'chapters', `t19`.`flow`, CAST(NULL AS STRING)) AS `chapters__flow`,
  IF(`t19`.`part` = 'chapters', `t19`.`year`, CAST(NULL AS SMALLINT)) AS `chapters__year`,
  IF(`t19`.`part` = 'chapters', `t19`.`code`, CAST(NULL AS STRING)) AS `chapters__code`,
  IF(`t19`.`part` = 'chapters', `t19`.`unconverted`, CAST(NULL AS BIGINT)) AS `chapters__unconverted`,
  IF(`t19`.`part` = 'chapters', `t19`.`value`, CAST(NULL AS DOUBLE)) AS `chapters__value`,
  IF(`t19`.`part` = 'unallocated', `t19`.`source`, CAST(NULL AS STRING)) AS `unallocated__source`,
  IF(`t19`.`part` = 'unallocated', `t19`.`flow`, CAST(NULL AS STRING)) AS `unallocated__flow`,
  IF(`t19`.`part` = 'unallocated', `t19`.`year`, CAST(NULL AS SMALLINT)) AS `unallocated__year`,
  IF(`t19`.`part` = 'unallocated', `t19`.`total`, CAST(NULL AS DOUBLE)) AS `unallocated__total`,
  IF(`t19`.`part` = 'unallocated', `t19`.`unallocated`, CAST(NULL AS DOUBLE)) AS `unallocated__unallocated`,
  IF(`t19`.`part` = 'unallocated', `t19`.`side`, CAST(NULL AS STRING)) AS `unallocated__side`
FROM (
  SELECT
    `t18`.`part`,
    `t18`.`source`,
    `t18`.`side`,
    `t18`.`flow`,
    `t18`.`year`,
    IF(`t18`.`part` = 'totals', `t18`.`month`, CAST(NULL AS TINYINT)) AS `month`,
    IF(`t18`.`part` = 'totals', `t18`.`reporter`, CAST(NULL AS STRING)) AS `reporter`,
    IF(`t18`.`part` = 'chapters', `t18`.`code`, CAST(NULL AS STRING)) AS `code`,
    SUM(CAST(`t18`.`unconverted` AS INT)) AS `unconverted`,
    SUM(`t18`.`value`) AS `value`,
    SUM(`t18`.`confidential_value`) AS `confidential_value`,
    ARRAY_MIN(COLLECT_LIST(`t18`.`currency`)) AS `currency`,
    ARRAY_MAX(COLLECT_LIST(`t18`.`vintage`)) AS `vintage`,
    COALESCE(SIZE(ARRAY_DISTINCT(COLLECT_LIST(`t18`.`month`))), 0) AS `months`,
    BOOL_OR(`t18`.`month` IS NULL) AS `annual`,
    BOOL_OR(CONTAINS(COALESCE(`t18`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t18`.`flags`, ''), 'reconciled')) AS `reconciled`,
    BOOL_OR(CONTAINS(COALESCE(`t18`.`flags`, ''), 'file_dated')) AS `file_dated`,
    MIN(`t18`.`product_level`) AS `product_level`,
    SUM(`t18`.`raw_value`) AS `total`,
    SUM(
      IF(
        `t18`.`partner` IN (
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
        `t18`.`raw_value`,
        0.0
      )
    ) AS `unallocated`
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
      `t17`.`value` AS `raw_value`,
      FALSE AS `unconverted`
    FROM (
      SELECT
        `t16`.`part`,
        `t16`.`side`,
        `t16`.`source`,
        `t16`.`reporter`,
        `t16`.`partner`,
        `t16`.`flow`,
        `t16`.`year`,
        `t16`.`month`,
        `t16`.`product_level`,
        `t16`.`code`,
        `t16`.`value`,
        `t16`.`confidential_value`,
        `t16`.`currency`,
        `t16`.`flags`,
        `t16`.`vintage`,
        `t16`.`_members_key`,
        `t16`.`level_rank`
      FROM (
        SELECT
          *
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
            `t14`.`_members_key`,
            `t14`.`level_rank`,
            `t14`.`_annual`,
            MIN(`t14`.`level_rank`) OVER (
              PARTITION BY `t14`.`part`, `t14`.`source`, `t14`.`side`, `t14`.`flow`, `t14`.`year`, `t14`.`_members_key`, `t14`.`reporter`, `t14`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_first_level`,
            BOOL_OR(`t14`.`_annual`) OVER (
              PARTITION BY `t14`.`part`, `t14`.`source`, `t14`.`side`, `t14`.`flow`, `t14`.`year`, `t14`.`_members_key`, `t14`.`reporter`, `t14`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_any_annual`
          FROM (
            SELECT
              `t13`.`part`,
              `t13`.`side`,
              `t13`.`source`,
              `t13`.`reporter`,
              `t13`.`partner`,
              `t13`.`flow`,
              `t13`.`year`,
              `t13`.`month`,
              `t13`.`product_level`,
              `t13`.`code`,
              `t13`.`value`,
              `t13`.`confidential_value`,
              `t13`.`currency`,
              `t13`.`flags`,
              `t13`.`vintage`,
              IF(`t13`.`part` = 'unallocated', `t13`.`partner`, CAST(NULL AS STRING)) AS `_members_key`,
              CASE `t13`.`product_level`
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
              `t13`.`month` IS NULL AS `_annual`
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
                    `t8`.`source`,
                    `t8`.`reporter`,
                    `t8`.`partner`,
                    `t8`.`flow`,
                    `t8`.`year`,
                    `t8`.`month`,
                    `t8`.`product_level`,
                    `t8`.`value`,
                    `t8`.`confidential_value`,
                    `t8`.`quantity_kg`,
                    `t8`.`rows`,
                    `t8`.`currency`,
                    `t8`.`flags`,
                    `t8`.`vintage`,
                    CASE
                      WHEN `t8`.`reporter` IN ('bilateral_stand_in_0000')
                      AND `t8`.`partner` IN ('bilateral_stand_in_0001')
                      THEN 'first'
                      WHEN `t8`.`reporter` IN ('bilateral_stand_in_0001')
                      AND `t8`.`partner` IN ('bilateral_stand_in_0000')
                      THEN 'second'
                      ELSE CAST(NULL AS STRING)
                    END AS `_pair_side`,
                    EXPLODE(
                      ARRAY(
                        IF(
                          CASE
                            WHEN `t8`.`reporter` IN ('bilateral_stand_in_0000')
                            AND `t8`.`partner` IN ('bilateral_stand_in_0001')
                            THEN 'first'
                            WHEN `t8`.`reporter` IN ('bilateral_stand_in_0001')
                            AND `t8`.`partner` IN ('bilateral_stand_in_0000')
                            THEN 'second'
                            ELSE CAST(NULL AS STRING)
                          END IS NOT NULL,
                          0,
                          CAST(NULL AS TINYINT)
                        ),
                        IF(
                          `t8`.`reporter` IN ('bilateral_stand_in_0000')
                          AND (
                            (
                              `t8`.`partner` = 'WORLD'
                            )
                            OR NOT (
                              `t8`.`partner` IN (
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
                          `t8`.`reporter` IN ('bilateral_stand_in_0001')
                          AND (
                            (
                              `t8`.`partner` = 'WORLD'
                            )
                            OR NOT (
                              `t8`.`partner` IN (
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
                          FROM `rollup_totals` AS `t1`
                          WHERE
                            `t1`.`year` IN (2023, 2024)
                            AND (
                              `t1`.`reporter` IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
                              OR `t1`.`partner` IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
                            )
                        ) AS `t2`
                      ) AS `t4`
                    ) AS `t6`
                  ) AS `t8`
                ) AS `t11`
                WHERE
                  `t11`.`_tag` IS NOT NULL
              ) AS `t12`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  'chapters' AS `part`,
                  CASE
                    WHEN `t9`.`reporter` IN ('bilateral_stand_in_0000')
                    AND `t9`.`partner` IN ('bilateral_stand_in_0001')
                    THEN 'first'
                    WHEN `t9`.`reporter` IN ('bilateral_stand_in_0001')
                    AND `t9`.`partner` IN ('bilateral_stand_in_0000')
                    THEN 'second'
                    ELSE NULL
                  END AS `side`,
                  `t9`.`source`,
                  `t9`.`reporter`,
                  `t9`.`partner`,
                  `t9`.`flow`,
                  `t9`.`year`,
                  `t9`.`month`,
                  `t9`.`product_level`,
                  `t9`.`code`,
                  `t9`.`value`,
                  `t9`.`confidential_value`,
                  `t9`.`currency`,
                  `t9`.`flags`,
                  `t9`.`vintage`
                FROM (
                  SELECT
                    `t7`.`source`,
                    `t7`.`reporter`,
                    `t7`.`partner`,
                    `t7`.`flow`,
                    `t7`.`year`,
                    `t7`.`month`,
                    `t7`.`product_level`,
                    `t7`.`classification`,
                    `t7`.`code`,
                    `t7`.`value`,
                    `t7`.`confidential_value`,
                    `t7`.`quantity_kg`,
                    `t7`.`rows`,
                    `t7`.`currency`,
                    `t7`.`flags`,
                    `t7`.`vintage`
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
                      ) AS `t3`
                    ) AS `t5`
                  ) AS `t7`
                ) AS `t9`
                WHERE
                  CASE
                    WHEN `t9`.`reporter` IN ('bilateral_stand_in_0000')
                    AND `t9`.`partner` IN ('bilateral_stand_in_0001')
                    THEN 'first'
                    WHEN `t9`.`reporter` IN ('bilateral_stand_in_0001')
                    AND `t9`.`partner` IN ('bilateral_stand_in_0000')
                    THEN 'second'
                    ELSE NULL
                  END IS NOT NULL
              ) AS `t10`
            ) AS `t13`
          ) AS `t14`
        ) AS `t15`
        WHERE
          `t15`.`level_rank` = `t15`.`_first_level`
          AND `t15`.`_annual` = `t15`.`_any_annual`
      ) AS `t16`
    ) AS `t17`
    WHERE
      (
        `t17`.`part` <> 'unallocated'
      ) OR (
        `t17`.`partner` <> 'WORLD'
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
    8
) AS `t19`
