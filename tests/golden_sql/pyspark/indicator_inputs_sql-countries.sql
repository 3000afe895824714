-- bilateral.query.pair_indicators.indicator_inputs_sql(country(0000), country(0001), group(WORLD), 2024, dialect='pyspark')
WITH `t18` AS (
  SELECT
    `t15`.`source`,
    `t15`.`reporter`,
    `t15`.`partner`,
    `t15`.`flow`,
    `t15`.`year`,
    `t15`.`month`,
    `t15`.`product_level`,
    `t15`.`classification`,
    `t15`.`code`,
    `t15`.`value`,
    `t15`.`confidential_value`,
    `t15`.`quantity_kg`,
    `t15`.`rows`,
    `t15`.`currency`,
    `t15`.`flags`,
    `t15`.`vintage`,
    CASE
      WHEN `t15`.`reporter` IN ('bilateral_stand_in_0000')
      AND `t15`.`partner` IN ('bilateral_stand_in_0001')
      THEN 'first'
      WHEN `t15`.`reporter` IN ('bilateral_stand_in_0001')
      AND `t15`.`partner` IN ('bilateral_stand_in_0000')
      THEN 'second'
      ELSE NULL
    END AS `side`,
    CASE `t15`.`product_level`
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
    `t15`.`month` IS NULL AS `_annual`
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
        `t7`.`source`,
        IF(`t7`.`_copy`, `t7`.`partner`, `t7`.`reporter`) AS `reporter`,
        IF(`t7`.`_copy`, `t7`.`reporter`, `t7`.`partner`) AS `partner`,
        IF(`t7`.`_copy`, REPLACE(`t7`.`flow`, 'export', 'import'), `t7`.`flow`) AS `flow`,
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
        `t7`.`vintage`,
        `t7`.`_copy`
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
            AND `t0`.`year` IN (2024)
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
      ) AS `t7`
    ) AS `t12`
  ) AS `t15`
  WHERE
    CASE
      WHEN `t15`.`reporter` IN ('bilateral_stand_in_0000')
      AND `t15`.`partner` IN ('bilateral_stand_in_0001')
      THEN 'first'
      WHEN `t15`.`reporter` IN ('bilateral_stand_in_0001')
      AND `t15`.`partner` IN ('bilateral_stand_in_0000')
      THEN 'second'
      ELSE NULL
    END IS NOT NULL
), `t19` AS (
  SELECT
    `t16`.`source`,
    `t16`.`reporter`,
    `t16`.`partner`,
    `t16`.`flow`,
    `t16`.`year`,
    `t16`.`month`,
    `t16`.`product_level`,
    `t16`.`classification`,
    `t16`.`code`,
    `t16`.`value`,
    `t16`.`confidential_value`,
    `t16`.`quantity_kg`,
    `t16`.`rows`,
    `t16`.`currency`,
    `t16`.`flags`,
    `t16`.`vintage`,
    CASE
      WHEN `t16`.`reporter` IN ('bilateral_stand_in_0001')
      AND `t16`.`partner` IN ('bilateral_stand_in_0000')
      THEN 'first'
      WHEN `t16`.`reporter` IN ('bilateral_stand_in_0000')
      AND `t16`.`partner` IN ('bilateral_stand_in_0001')
      THEN 'second'
      ELSE NULL
    END AS `side`,
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
      `t13`.`source`,
      `t13`.`reporter`,
      `t13`.`partner`,
      `t13`.`flow`,
      `t13`.`year`,
      `t13`.`month`,
      `t13`.`product_level`,
      `t13`.`classification`,
      `t13`.`code`,
      `t13`.`value`,
      `t13`.`confidential_value`,
      `t13`.`quantity_kg`,
      `t13`.`rows`,
      `t13`.`currency`,
      `t13`.`flags`,
      `t13`.`vintage`
    FROM (
      SELECT
        `t8`.`source`,
        IF(`t8`.`_copy`, `t8`.`partner`, `t8`.`reporter`) AS `reporter`,
        IF(`t8`.`_copy`, `t8`.`reporter`, `t8`.`partner`) AS `partner`,
        IF(`t8`.`_copy`, REPLACE(`t8`.`flow`, 'export', 'import'), `t8`.`flow`) AS `flow`,
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
        `t8`.`_copy`
      FROM (
        SELECT
          `t4`.`source`,
          `t4`.`reporter`,
          `t4`.`partner`,
          `t4`.`flow`,
          `t4`.`year`,
          `t4`.`month`,
          `t4`.`product_level`,
          `t4`.`classification`,
          `t4`.`code`,
          `t4`.`value`,
          `t4`.`confidential_value`,
          `t4`.`quantity_kg`,
          `t4`.`rows`,
          `t4`.`currency`,
          `t4`.`flags`,
          `t4`.`vintage`,
          EXPLODE(
            IF(
              `t4`.`source` IN ('baci')
              AND (
                `t4`.`flow` = 'export'
              )
              AND CONTAINS(COALESCE(`t4`.`flags`, ''), 'reconciled'),
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
            AND `t0`.`year` IN (2024)
            AND (
              (
                `t0`.`reporter` IN ('bilateral_stand_in_0001')
                AND `t0`.`partner` IN ('bilateral_stand_in_0000')
              )
              OR (
                `t0`.`reporter` IN ('bilateral_stand_in_0000')
                AND `t0`.`partner` IN ('bilateral_stand_in_0001')
              )
            )
        ) AS `t4`
      ) AS `t8`
    ) AS `t13`
  ) AS `t16`
  WHERE
    CASE
      WHEN `t16`.`reporter` IN ('bilateral_stand_in_0001')
      AND `t16`.`partner` IN ('bilateral_stand_in_0000')
      THEN 'first'
      WHEN `t16`.`reporter` IN ('bilateral_stand_in_0000')
      AND `t16`.`partner` IN ('bilateral_stand_in_0001')
      THEN 'second'
      ELSE NULL
    END IS NOT NULL
), `t29` AS (
  SELECT
    `t17`.`source`,
    `t17`.`reporter`,
    `t17`.`partner`,
    `t17`.`flow`,
    `t17`.`year`,
    `t17`.`month`,
    `t17`.`product_level`,
    `t17`.`classification`,
    `t17`.`code`,
    `t17`.`value`,
    `t17`.`confidential_value`,
    `t17`.`quantity_kg`,
    `t17`.`rows`,
    `t17`.`currency`,
    `t17`.`flags`,
    `t17`.`vintage`,
    `t17`.`side`,
    CASE `t17`.`product_level`
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
    `t17`.`month` IS NULL AS `_annual`,
    CASE
      WHEN `t17`.`side` = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            `t17`.`reporter` = 'bilateral_stand_in_0001'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          `t17`.`partner` = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          TRUE AND (
            `t17`.`reporter` = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          `t17`.`partner` = 'bilateral_stand_in_0001'
        )
      ) AS TINYINT)
    END AS `_members_rank`
  FROM (
    SELECT
      `t11`.`source`,
      `t11`.`reporter`,
      `t11`.`partner`,
      `t11`.`flow`,
      `t11`.`year`,
      `t11`.`month`,
      `t11`.`product_level`,
      `t11`.`classification`,
      `t11`.`code`,
      `t11`.`value`,
      `t11`.`confidential_value`,
      `t11`.`quantity_kg`,
      `t11`.`rows`,
      `t11`.`currency`,
      `t11`.`flags`,
      `t11`.`vintage`,
      CASE
        WHEN `t11`.`reporter` IN ('bilateral_stand_in_0001')
        AND (
          (
            `t11`.`partner` = 'WORLD'
          )
          OR NOT (
            `t11`.`partner` IN (
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
            `t11`.`reporter` = 'WORLD'
          )
          OR NOT (
            `t11`.`reporter` IN (
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
        AND `t11`.`partner` IN ('bilateral_stand_in_0001')
        THEN 'second'
        ELSE NULL
      END AS `side`
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
        `t9`.`vintage`
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
            `t1`.`source`,
            `t1`.`reporter`,
            `t1`.`partner`,
            `t1`.`flow`,
            `t1`.`year`,
            `t1`.`month`,
            `t1`.`product_level`,
            `t1`.`classification`,
            `t1`.`code`,
            `t1`.`value`,
            `t1`.`confidential_value`,
            `t1`.`quantity_kg`,
            `t1`.`rows`,
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
              *
            FROM `rollup_products` AS `t0`
            WHERE
              `t0`.`classification` = 'HS2'
              AND `t0`.`year` IN (2024)
              AND (
                `t0`.`reporter` IN ('bilateral_stand_in_0001')
                OR `t0`.`partner` IN ('bilateral_stand_in_0001')
              )
          ) AS `t1`
        ) AS `t5`
      ) AS `t9`
    ) AS `t11`
  ) AS `t17`
  WHERE
    `t17`.`side` IS NOT NULL
), `t32` AS (
  SELECT
    `t20`.`source`,
    `t20`.`reporter`,
    `t20`.`partner`,
    `t20`.`flow`,
    `t20`.`year`,
    `t20`.`month`,
    `t20`.`product_level`,
    `t20`.`classification`,
    `t20`.`code`,
    `t20`.`value`,
    `t20`.`confidential_value`,
    `t20`.`quantity_kg`,
    `t20`.`rows`,
    `t20`.`currency`,
    `t20`.`flags`,
    `t20`.`vintage`,
    `t20`.`side`,
    CASE `t20`.`product_level`
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
    `t20`.`month` IS NULL AS `_annual`,
    CASE
      WHEN `t20`.`side` = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            `t20`.`reporter` = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          `t20`.`partner` = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          TRUE AND (
            `t20`.`reporter` = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          `t20`.`partner` = 'bilateral_stand_in_0000'
        )
      ) AS TINYINT)
    END AS `_members_rank`
  FROM (
    SELECT
      `t14`.`source`,
      `t14`.`reporter`,
      `t14`.`partner`,
      `t14`.`flow`,
      `t14`.`year`,
      `t14`.`month`,
      `t14`.`product_level`,
      `t14`.`classification`,
      `t14`.`code`,
      `t14`.`value`,
      `t14`.`confidential_value`,
      `t14`.`quantity_kg`,
      `t14`.`rows`,
      `t14`.`currency`,
      `t14`.`flags`,
      `t14`.`vintage`,
      CASE
        WHEN `t14`.`reporter` IN ('bilateral_stand_in_0000')
        AND (
          (
            `t14`.`partner` = 'WORLD'
          )
          OR NOT (
            `t14`.`partner` IN (
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
            `t14`.`reporter` = 'WORLD'
          )
          OR NOT (
            `t14`.`reporter` IN (
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
        AND `t14`.`partner` IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS `side`
    FROM (
      SELECT
        `t10`.`source`,
        `t10`.`reporter`,
        `t10`.`partner`,
        `t10`.`flow`,
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
        `t10`.`vintage`
      FROM (
        SELECT
          `t6`.`source`,
          IF(`t6`.`_copy`, `t6`.`partner`, `t6`.`reporter`) AS `reporter`,
          IF(`t6`.`_copy`, `t6`.`reporter`, `t6`.`partner`) AS `partner`,
          IF(`t6`.`_copy`, REPLACE(`t6`.`flow`, 'export', 'import'), `t6`.`flow`) AS `flow`,
          `t6`.`year`,
          `t6`.`month`,
          `t6`.`product_level`,
          `t6`.`classification`,
          `t6`.`code`,
          `t6`.`value`,
          `t6`.`confidential_value`,
          `t6`.`quantity_kg`,
          `t6`.`rows`,
          `t6`.`currency`,
          `t6`.`flags`,
          `t6`.`vintage`,
          `t6`.`_copy`
        FROM (
          SELECT
            `t2`.`source`,
            `t2`.`reporter`,
            `t2`.`partner`,
            `t2`.`flow`,
            `t2`.`year`,
            `t2`.`month`,
            `t2`.`product_level`,
            `t2`.`classification`,
            `t2`.`code`,
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
            FROM `rollup_products` AS `t0`
            WHERE
              `t0`.`classification` = 'HS2'
              AND `t0`.`year` IN (2024)
              AND (
                `t0`.`reporter` IN ('bilateral_stand_in_0000')
                OR `t0`.`partner` IN ('bilateral_stand_in_0000')
              )
          ) AS `t2`
        ) AS `t6`
      ) AS `t10`
    ) AS `t14`
  ) AS `t20`
  WHERE
    `t20`.`side` IS NOT NULL
)
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t50`.`source`,
      `t50`.`flow`,
      `t50`.`code`,
      `t50`.`value`,
      `t50`.`reconciled`,
      `t50`.`synthetic`,
      'pair' AS `slice`
    FROM (
      SELECT
        `t41`.`source`,
        `t41`.`flow`,
        `t41`.`code`,
        SUM(`t41`.`value`) AS `value`,
        BOOL_OR(CONTAINS(COALESCE(`t41`.`flags`, ''), 'reconciled')) AS `reconciled`,
        BOOL_OR(CONTAINS(COALESCE(`t41`.`flags`, ''), 'synthetic')) AS `synthetic`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t30`.`source`,
            `t30`.`reporter`,
            `t30`.`partner`,
            `t30`.`flow`,
            `t30`.`year`,
            `t30`.`month`,
            `t30`.`product_level`,
            `t30`.`classification`,
            `t30`.`code`,
            `t30`.`value`,
            `t30`.`confidential_value`,
            `t30`.`quantity_kg`,
            `t30`.`rows`,
            `t30`.`currency`,
            `t30`.`flags`,
            `t30`.`vintage`,
            `t30`.`side`,
            `t30`.`level_rank`
          FROM (
            SELECT
              `t23`.`source`,
              `t23`.`reporter`,
              `t23`.`partner`,
              `t23`.`flow`,
              `t23`.`year`,
              `t23`.`month`,
              `t23`.`product_level`,
              `t23`.`classification`,
              `t23`.`code`,
              `t23`.`value`,
              `t23`.`confidential_value`,
              `t23`.`quantity_kg`,
              `t23`.`rows`,
              `t23`.`currency`,
              `t23`.`flags`,
              `t23`.`vintage`,
              `t23`.`side`,
              `t23`.`level_rank`,
              `t23`.`_annual`
            FROM `t18` AS `t23`
            LEFT SEMI JOIN (
              SELECT
                `t21`.`source`,
                `t21`.`side`,
                `t21`.`flow`,
                `t21`.`year`,
                `t21`.`classification`,
                `t21`.`reporter`,
                `t21`.`partner`,
                MIN(`t21`.`level_rank`) AS `level_rank`,
                BOOL_OR(`t21`.`_annual`) AS `_annual`
              FROM `t18` AS `t21`
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6,
                7
            ) AS `t27`
              ON `t23`.`source` IS NOT DISTINCT FROM `t27`.`source`
              AND `t23`.`side` IS NOT DISTINCT FROM `t27`.`side`
              AND `t23`.`flow` IS NOT DISTINCT FROM `t27`.`flow`
              AND `t23`.`year` IS NOT DISTINCT FROM `t27`.`year`
              AND `t23`.`classification` IS NOT DISTINCT FROM `t27`.`classification`
              AND `t23`.`reporter` IS NOT DISTINCT FROM `t27`.`reporter`
              AND `t23`.`partner` IS NOT DISTINCT FROM `t27`.`partner`
              AND `t23`.`level_rank` = `t27`.`level_rank`
              AND `t23`.`_annual` = `t27`.`_annual`
          ) AS `t30`
        ) AS `t34`
        WHERE
          `t34`.`side` = 'first'
      ) AS `t41`
      GROUP BY
        1,
        2,
        3
    ) AS `t50`
  ) AS `t55`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t51`.`source`,
      `t51`.`flow`,
      `t51`.`code`,
      `t51`.`value`,
      `t51`.`reconciled`,
      `t51`.`synthetic`,
      'pair_mirror' AS `slice`
    FROM (
      SELECT
        `t42`.`source`,
        `t42`.`flow`,
        `t42`.`code`,
        SUM(`t42`.`value`) AS `value`,
        BOOL_OR(CONTAINS(COALESCE(`t42`.`flags`, ''), 'reconciled')) AS `reconciled`,
        BOOL_OR(CONTAINS(COALESCE(`t42`.`flags`, ''), 'synthetic')) AS `synthetic`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t31`.`source`,
            `t31`.`reporter`,
            `t31`.`partner`,
            `t31`.`flow`,
            `t31`.`year`,
            `t31`.`month`,
            `t31`.`product_level`,
            `t31`.`classification`,
            `t31`.`code`,
            `t31`.`value`,
            `t31`.`confidential_value`,
            `t31`.`quantity_kg`,
            `t31`.`rows`,
            `t31`.`currency`,
            `t31`.`flags`,
            `t31`.`vintage`,
            `t31`.`side`,
            `t31`.`level_rank`
          FROM (
            SELECT
              `t24`.`source`,
              `t24`.`reporter`,
              `t24`.`partner`,
              `t24`.`flow`,
              `t24`.`year`,
              `t24`.`month`,
              `t24`.`product_level`,
              `t24`.`classification`,
              `t24`.`code`,
              `t24`.`value`,
              `t24`.`confidential_value`,
              `t24`.`quantity_kg`,
              `t24`.`rows`,
              `t24`.`currency`,
              `t24`.`flags`,
              `t24`.`vintage`,
              `t24`.`side`,
              `t24`.`level_rank`,
              `t24`.`_annual`
            FROM `t19` AS `t24`
            LEFT SEMI JOIN (
              SELECT
                `t22`.`source`,
                `t22`.`side`,
                `t22`.`flow`,
                `t22`.`year`,
                `t22`.`classification`,
                `t22`.`reporter`,
                `t22`.`partner`,
                MIN(`t22`.`level_rank`) AS `level_rank`,
                BOOL_OR(`t22`.`_annual`) AS `_annual`
              FROM `t19` AS `t22`
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6,
                7
            ) AS `t28`
              ON `t24`.`source` IS NOT DISTINCT FROM `t28`.`source`
              AND `t24`.`side` IS NOT DISTINCT FROM `t28`.`side`
              AND `t24`.`flow` IS NOT DISTINCT FROM `t28`.`flow`
              AND `t24`.`year` IS NOT DISTINCT FROM `t28`.`year`
              AND `t24`.`classification` IS NOT DISTINCT FROM `t28`.`classification`
              AND `t24`.`reporter` IS NOT DISTINCT FROM `t28`.`reporter`
              AND `t24`.`partner` IS NOT DISTINCT FROM `t28`.`partner`
              AND `t24`.`level_rank` = `t28`.`level_rank`
              AND `t24`.`_annual` = `t28`.`_annual`
          ) AS `t31`
        ) AS `t35`
        WHERE
          `t35`.`side` = 'first'
      ) AS `t42`
      GROUP BY
        1,
        2,
        3
    ) AS `t51`
  ) AS `t56`
) AS `t57`
UNION ALL
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t61`.`source`,
      `t61`.`flow`,
      `t61`.`code`,
      `t61`.`value`,
      `t61`.`reconciled`,
      `t61`.`synthetic`,
      'first_world' AS `slice`
    FROM (
      SELECT
        `t59`.`source`,
        `t59`.`flow`,
        `t59`.`code`,
        SUM(`t59`.`value`) AS `value`,
        BOOL_OR(CONTAINS(COALESCE(`t59`.`flags`, ''), 'reconciled')) AS `reconciled`,
        BOOL_OR(CONTAINS(COALESCE(`t59`.`flags`, ''), 'synthetic')) AS `synthetic`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t52`.`source`,
            `t52`.`reporter`,
            `t52`.`partner`,
            `t52`.`flow`,
            `t52`.`year`,
            `t52`.`month`,
            `t52`.`product_level`,
            `t52`.`classification`,
            `t52`.`code`,
            `t52`.`value`,
            `t52`.`confidential_value`,
            `t52`.`quantity_kg`,
            `t52`.`rows`,
            `t52`.`currency`,
            `t52`.`flags`,
            `t52`.`vintage`,
            `t52`.`side`,
            `t52`.`level_rank`
          FROM (
            SELECT
              `t38`.`source`,
              `t38`.`reporter`,
              `t38`.`partner`,
              `t38`.`flow`,
              `t38`.`year`,
              `t38`.`month`,
              `t38`.`product_level`,
              `t38`.`classification`,
              `t38`.`code`,
              `t38`.`value`,
              `t38`.`confidential_value`,
              `t38`.`quantity_kg`,
              `t38`.`rows`,
              `t38`.`currency`,
              `t38`.`flags`,
              `t38`.`vintage`,
              `t38`.`side`,
              `t38`.`level_rank`,
              `t38`.`_annual`,
              `t38`.`_members_rank`
            FROM `t32` AS `t38`
            LEFT SEMI JOIN (
              SELECT
                `t36`.`source`,
                `t36`.`side`,
                `t36`.`flow`,
                `t36`.`year`,
                `t36`.`classification`,
                `t36`.`reporter`,
                `t36`.`partner`,
                MIN(`t36`.`level_rank`) AS `level_rank`,
                BOOL_OR(`t36`.`_annual`) AS `_annual`
              FROM `t32` AS `t36`
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6,
                7
            ) AS `t47`
              ON `t38`.`source` IS NOT DISTINCT FROM `t47`.`source`
              AND `t38`.`side` IS NOT DISTINCT FROM `t47`.`side`
              AND `t38`.`flow` IS NOT DISTINCT FROM `t47`.`flow`
              AND `t38`.`year` IS NOT DISTINCT FROM `t47`.`year`
              AND `t38`.`classification` IS NOT DISTINCT FROM `t47`.`classification`
              AND `t38`.`reporter` IS NOT DISTINCT FROM `t47`.`reporter`
              AND `t38`.`partner` IS NOT DISTINCT FROM `t47`.`partner`
              AND `t38`.`level_rank` = `t47`.`level_rank`
              AND `t38`.`_annual` = `t47`.`_annual`
            LEFT SEMI JOIN (
              SELECT
                `t36`.`source`,
                `t36`.`side`,
                `t36`.`flow`,
                `t36`.`year`,
                `t36`.`classification`,
                MIN(`t36`.`_members_rank`) AS `_members_rank`
              FROM `t32` AS `t36`
              GROUP BY
                1,
                2,
                3,
                4,
                5
            ) AS `t48`
              ON `t38`.`source` IS NOT DISTINCT FROM `t48`.`source`
              AND `t38`.`side` IS NOT DISTINCT FROM `t48`.`side`
              AND `t38`.`flow` IS NOT DISTINCT FROM `t48`.`flow`
              AND `t38`.`year` IS NOT DISTINCT FROM `t48`.`year`
              AND `t38`.`classification` IS NOT DISTINCT FROM `t48`.`classification`
              AND `t38`.`_members_rank` = `t48`.`_members_rank`
          ) AS `t52`
        ) AS `t54`
        WHERE
          `t54`.`side` = 'first'
      ) AS `t59`
      GROUP BY
        1,
        2,
        3
    ) AS `t61`
  ) AS `t63`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t60`.`source`,
      `t60`.`flow`,
      `t60`.`code`,
      `t60`.`value`,
      `t60`.`reconciled`,
      `t60`.`synthetic`,
      'second_world' AS `slice`
    FROM (
      SELECT
        `t58`.`source`,
        `t58`.`flow`,
        `t58`.`code`,
        SUM(`t58`.`value`) AS `value`,
        BOOL_OR(CONTAINS(COALESCE(`t58`.`flags`, ''), 'reconciled')) AS `reconciled`,
        BOOL_OR(CONTAINS(COALESCE(`t58`.`flags`, ''), 'synthetic')) AS `synthetic`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t49`.`source`,
            `t49`.`reporter`,
            `t49`.`partner`,
            `t49`.`flow`,
            `t49`.`year`,
            `t49`.`month`,
            `t49`.`product_level`,
            `t49`.`classification`,
            `t49`.`code`,
            `t49`.`value`,
            `t49`.`confidential_value`,
            `t49`.`quantity_kg`,
            `t49`.`rows`,
            `t49`.`currency`,
            `t49`.`flags`,
            `t49`.`vintage`,
            `t49`.`side`,
            `t49`.`level_rank`
          FROM (
            SELECT
              `t37`.`source`,
              `t37`.`reporter`,
              `t37`.`partner`,
              `t37`.`flow`,
              `t37`.`year`,
              `t37`.`month`,
              `t37`.`product_level`,
              `t37`.`classification`,
              `t37`.`code`,
              `t37`.`value`,
              `t37`.`confidential_value`,
              `t37`.`quantity_kg`,
              `t37`.`rows`,
              `t37`.`currency`,
              `t37`.`flags`,
              `t37`.`vintage`,
              `t37`.`side`,
              `t37`.`level_rank`,
              `t37`.`_annual`,
              `t37`.`_members_rank`
            FROM `t29` AS `t37`
            LEFT SEMI JOIN (
              SELECT
                `t33`.`source`,
                `t33`.`side`,
                `t33`.`flow`,
                `t33`.`year`,
                `t33`.`classification`,
                `t33`.`reporter`,
                `t33`.`partner`,
                MIN(`t33`.`level_rank`) AS `level_rank`,
                BOOL_OR(`t33`.`_annual`) AS `_annual`
              FROM `t29` AS `t33`
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6,
                7
            ) AS `t45`
              ON `t37`.`source` IS NOT DISTINCT FROM `t45`.`source`
              AND `t37`.`side` IS NOT DISTINCT FROM `t45`.`side`
              AND `t37`.`flow` IS NOT DISTINCT FROM `t45`.`flow`
              AND `t37`.`year` IS NOT DISTINCT FROM `t45`.`year`
              AND `t37`.`classification` IS NOT DISTINCT FROM `t45`.`classification`
              AND `t37`.`reporter` IS NOT DISTINCT FROM `t45`.`reporter`
              AND `t37`.`partner` IS NOT DISTINCT FROM `t45`.`partner`
              AND `t37`.`level_rank` = `t45`.`level_rank`
              AND `t37`.`_annual` = `t45`.`_annual`
            LEFT SEMI JOIN (
              SELECT
                `t33`.`source`,
                `t33`.`side`,
                `t33`.`flow`,
                `t33`.`year`,
                `t33`.`classification`,
                MIN(`t33`.`_members_rank`) AS `_members_rank`
              FROM `t29` AS `t33`
              GROUP BY
                1,
                2,
                3,
                4,
                5
            ) AS `t46`
              ON `t37`.`source` IS NOT DISTINCT FROM `t46`.`source`
              AND `t37`.`side` IS NOT DISTINCT FROM `t46`.`side`
              AND `t37`.`flow` IS NOT DISTINCT FROM `t46`.`flow`
              AND `t37`.`year` IS NOT DISTINCT FROM `t46`.`year`
              AND `t37`.`classification` IS NOT DISTINCT FROM `t46`.`classification`
              AND `t37`.`_members_rank` = `t46`.`_members_rank`
          ) AS `t49`
        ) AS `t53`
        WHERE
          `t53`.`side` = 'first'
      ) AS `t58`
      GROUP BY
        1,
        2,
        3
    ) AS `t60`
  ) AS `t62`
) AS `t64`
