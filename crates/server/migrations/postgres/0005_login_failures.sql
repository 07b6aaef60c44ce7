-- Failed logins per account name (names that do not exist too, so a lock tells nothing
-- about which accounts exist). Five failures in a row lock the name for a while; a
-- supervisor can unlock it earlier; a success clears it.
CREATE TABLE login_failures (
    name         TEXT   PRIMARY KEY,
    failures     BIGINT NOT NULL,
    locked_until BIGINT NOT NULL -- unix seconds; 0 when not locked
);
