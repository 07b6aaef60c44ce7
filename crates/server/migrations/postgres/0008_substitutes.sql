-- A/B posts (AB岗): while A is away, B covers A's cases ("我的办件" of B lists them too).
-- Set and ended with `onewindow user cover B --for A` / `onewindow user uncover A`, each an
-- audit line.
CREATE TABLE substitutes (
    absent     TEXT NOT NULL PRIMARY KEY,
    substitute TEXT NOT NULL,
    since      TEXT NOT NULL
);
