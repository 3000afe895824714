-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'cpa', span=2, dialect='pyspark')
WITH `t11` AS (
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
      AND `t9`.`partner` IN ('bilateral_stand_in_0001')
      THEN 'first'
      WHEN `t9`.`reporter` IN ('bilateral_stand_in_0001')
      AND `t9`.`partner` IN ('bilateral_stand_in_0000')
      THEN 'second'
      ELSE NULL
    END AS `side`,
    CASE `t9`.`product_level`
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
    `t9`.`month` IS NULL AS `_annual`
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
          FROM `rollup_products` AS `t1`
          WHERE
            `t1`.`classification` = 'CPA2'
            AND `t1`.`year` IN (2022, 2023, 2024)
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
)
SELECT
  *
FROM (
  SELECT
    'sectors' AS `part`,
    `t22`.`source` AS `sectors__source`,
    `t22`.`side` AS `sectors__side`,
    `t22`.`flow` AS `sectors__flow`,
    `t22`.`year` AS `sectors__year`,
    `t22`.`code` AS `sectors__code`,
    `t22`.`month` AS `sectors__month`,
    `t22`.`unconverted` AS `sectors__unconverted`,
    `t22`.`members` AS `sectors__members`,
    `t22`.`value` AS `sectors__value`,
    `t22`.`currency` AS `sectors__currency`,
    `t22`.`vintage` AS `sectors__vintage`,
    `t22`.`synthetic` AS `sectors__synthetic`,
    `t22`.`file_dated` AS `sectors__file_dated`,
    CAST(NULL AS STRING) AS `detail_views__source`,
    CAST(NULL AS STRING) AS `detail_views__side`,
    CAST(NULL AS STRING) AS `detail_views__flow`,
    CAST(NULL AS SMALLINT) AS `detail_views__year`,
    CAST(NULL AS BIGINT) AS `detail_views__rows`
  FROM (
    SELECT
      `t21`.`source`,
      `t21`.`side`,
      `t21`.`flow`,
      `t21`.`year`,
      `t21`.`code`,
      `t21`.`month`,
      SUM(CAST(`t21`.`unconverted` AS INT)) AS `unconverted`,
      COLLECT_LIST(`t21`.`reporter`) AS `members`,
      SUM(`t21`.`value`) AS `value`,
      MIN(`t21`.`currency`) AS `currency`,
      MAX(`t21`.`vintage`) AS `vintage`,
      BOOL_OR(CONTAINS(COALESCE(`t21`.`flags`, ''), 'synthetic')) AS `synthetic`,
      BOOL_OR(CONTAINS(COALESCE(`t21`.`flags`, ''), 'file_dated')) AS `file_dated`
    FROM (
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
        `t20`.`level_rank`,
        FALSE AS `unconverted`
      FROM (
        SELECT
          `t19`.`source`,
          `t19`.`reporter`,
          `t19`.`partner`,
          `t19`.`flow`,
          `t19`.`year`,
          `t19`.`month`,
          `t19`.`product_level`,
          `t19`.`classification`,
          `t19`.`code`,
          `t19`.`value`,
          `t19`.`confidential_value`,
          `t19`.`quantity_kg`,
          `t19`.`rows`,
          `t19`.`currency`,
          `t19`.`flags`,
          `t19`.`vintage`,
          `t19`.`side`,
          `t19`.`level_rank`
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
            `t14`.`side`,
            `t14`.`level_rank`,
            `t14`.`_annual`
          FROM `t11` AS `t14`
          LEFT SEMI JOIN (
            SELECT
              `t12`.`source`,
              `t12`.`side`,
              `t12`.`flow`,
              `t12`.`year`,
              `t12`.`classification`,
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
              6,
              7
          ) AS `t17`
            ON `t14`.`source` IS NOT DISTINCT FROM `t17`.`source`
            AND `t14`.`side` IS NOT DISTINCT FROM `t17`.`side`
            AND `t14`.`flow` IS NOT DISTINCT FROM `t17`.`flow`
            AND `t14`.`year` IS NOT DISTINCT FROM `t17`.`year`
            AND `t14`.`classification` IS NOT DISTINCT FROM `t17`.`classification`
            AND `t14`.`reporter` IS NOT DISTINCT FROM `t17`.`reporter`
            AND `t14`.`partner` IS NOT DISTINCT FROM `t17`.`partner`
            AND `t14`.`level_rank` = `t17`.`level_rank`
            AND `t14`.`_annual` = `t17`.`_annual`
        ) AS `t19`
      ) AS `t20`
    ) AS `t21`
    GROUP BY
      1,
      2,
      3,
      4,
      5,
      6
  ) AS `t22`
) AS `t23`
UNION ALL
SELECT
  *
FROM (
  SELECT
    'detail_views' AS `part`,
    CAST(NULL AS STRING) AS `sectors__source`,
    CAST(NULL AS STRING) AS `sectors__side`,
    CAST(NULL AS STRING) AS `sectors__flow`,
    CAST(NULL AS SMALLINT) AS `sectors__year`,
    CAST(NULL AS STRING) AS `sectors__code`,
    CAST(NULL AS TINYINT) AS `sectors__month`,
    CAST(NULL AS BIGINT) AS `sectors__unconverted`,
    CAST(NULL AS ARRAY<STRING>) AS `sectors__members`,
    CAST(NULL AS DOUBLE) AS `sectors__value`,
    CAST(NULL AS STRING) AS `sectors__currency`,
    CAST(NULL AS STRING) AS `sectors__vintage`,
    CAST(NULL AS BOOLEAN) AS `sectors__synthetic`,
    CAST(NULL AS BOOLEAN) AS `sectors__file_dated`,
    `t15`.`source` AS `detail_views__source`,
    `t15`.`side` AS `detail_views__side`,
    `t15`.`flow` AS `detail_views__flow`,
    `t15`.`year` AS `detail_views__year`,
    `t15`.`rows` AS `detail_views__rows`
  FROM (
    SELECT
      `t13`.`source`,
      `t13`.`side`,
      `t13`.`flow`,
      `t13`.`year`,
      COUNT(*) AS `rows`
    FROM (
      SELECT
        *
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
            ELSE NULL
          END AS `side`
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
                  `t0`.`product_level` IN ('CN8', 'HS6')
                  AND `t0`.`year` IN (2022, 2023, 2024)
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
              ) AS `t2`
            ) AS `t4`
          ) AS `t6`
        ) AS `t8`
      ) AS `t10`
      WHERE
        `t10`.`side` IS NOT NULL
    ) AS `t13`
    GROUP BY
      1,
      2,
      3,
      4
  ) AS `t15`
) AS `t18`
