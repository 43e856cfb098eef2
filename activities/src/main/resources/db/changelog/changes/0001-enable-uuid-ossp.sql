--liquibase formatted sql

--changeset outdial:0001-enable-uuid-ossp
--comment: The seed's UUID defaults call uuid_generate_v4() from uuid-ossp.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
--rollback DROP EXTENSION IF EXISTS "uuid-ossp";
