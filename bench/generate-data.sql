-- Fills an EMPTY Outdial database (schema created by the app's Liquibase) with realistic volume,
-- set-based (generate_series and INSERT ... SELECT), in minutes on two cores.
--
-- Sizes come from custom settings, each with a default:
--   bench.users (1000)  bench.agents (5000)  bench.calls (1000000)  bench.contacts (200000)
--   bench.days (90)     bench.heavy_calls (100000)
-- User number 1 (heavy@bench.outdial.dev) owns exactly bench.heavy_calls calls and the same share
-- of agents, contacts and campaigns; the other calls follow a power law over the other users (a
-- few big tenants, most small, about 5 percent without calls). Every password is bench-password.
--
-- Runs unchanged through psql (prepend SET bench.calls = '50000' and so on, or -c "SET ...") and
-- through JDBC as a plain multi-statement script on a connection where those SETs ran. It has no
-- psql meta-commands, no psql variables, no dollar quoting, no semicolons inside literals and no
-- question marks, so any statement splitter copes. It changes these session settings: TimeZone
-- (UTC), synchronous_commit, work_mem, jit and, for a superuser, session_replication_role.
--
-- Speed: the schema's indexes stay in place. A superuser session loads with
-- session_replication_role = replica, which skips foreign-key triggers (the data is generated
-- consistent, and the orphan check near the end proves it) and the statement-level kpi_changes
-- triggers of migration 0028, whose work the final REFRESH does. Any other role loads with every
-- check on: the rows that reference each other (calls and transcripts, inbound calls and the
-- contacts they create) go in one statement, so it works either way.
--
-- Staging happens in UNLOGGED tables of a schema bench_stage, dropped at the end. Callers outside
-- a transaction may run VACUUM (ANALYZE) afterwards so the visibility map is set
-- (generate-data.sh does).

SET TIME ZONE 'UTC';
SET synchronous_commit = off;
SET work_mem = '256MB';
SET jit = off;
SELECT set_config('session_replication_role', 'replica', false)
WHERE (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
SELECT setseed(0.4242);

-- The database must hold no calls and no generated users: this script adds, it does not replace.
-- (An administrator made at start, or a test's own users, may be there.)
SELECT CASE WHEN EXISTS (SELECT 1 FROM users WHERE email LIKE '%@bench.outdial.dev')
              OR EXISTS (SELECT 1 FROM calls)
            THEN CAST((SELECT 'generate-data.sql needs a database without calls or generated users') AS int)
       END AS empty_database_check;

DROP SCHEMA IF EXISTS bench_stage CASCADE;
CREATE SCHEMA bench_stage;

-- ------------------------------------------------------------------ sizes
CREATE UNLOGGED TABLE bench_stage.cfg AS
WITH raw AS (
  SELECT greatest(1, coalesce(nullif(current_setting('bench.users', true), ''), '1000')::int) AS users,
         greatest(1, coalesce(nullif(current_setting('bench.agents', true), ''), '5000')::int) AS agents,
         greatest(1, coalesce(nullif(current_setting('bench.calls', true), ''), '1000000')::int) AS calls,
         greatest(0, coalesce(nullif(current_setting('bench.contacts', true), ''), '200000')::int) AS contacts,
         greatest(3, coalesce(nullif(current_setting('bench.days', true), ''), '90')::int) AS days,
         greatest(0, coalesce(nullif(current_setting('bench.heavy_calls', true), ''), '100000')::int) AS heavy_calls
), fixed AS (
  SELECT users,
         greatest(agents, users) AS agents,   -- every user has at least one agent
         calls, contacts, days,
         CASE WHEN users = 1 THEN calls ELSE least(heavy_calls, calls) END AS heavy_calls
  FROM raw
)
SELECT f.*,
       date_trunc('minute', now()) AS t0,
       date_trunc('minute', now()) - make_interval(days => f.days) AS ws,
       (date_trunc('minute', now()) AT TIME ZONE 'UTC')::date AS t0_date,
       ((date_trunc('minute', now()) - make_interval(days => f.days)) AT TIME ZONE 'UTC')::date AS ws_date,
       f.heavy_calls::float8 / f.calls AS heavy_share,
       round(f.contacts * f.heavy_calls::float8 / f.calls)::int AS heavy_contacts,
       least(greatest(1, round(f.agents * f.heavy_calls::float8 / f.calls)::int),
             f.agents - (f.users - 1)) AS heavy_agents,
       '$2a$10$B70hVkF8WiSPW1oa4Z5xiOaB6HSW.8HiwR1kvSO7/eib8ZKVbRupq'::text AS password_hash
FROM fixed f;

-- ------------------------------------------------------------------ users
-- w: the power-law weight of a user's calls (0 for the heavy user, whose count is fixed, and for
-- about 5 percent of users without calls); contacts and agents follow flatter weights.
CREATE UNLOGGED TABLE bench_stage.u AS
WITH b AS (
  SELECT n AS user_no, random() AS r_rank, random() AS r_zero, random() AS r1, random() AS r2,
         random() AS r3, random() AS r4, random() AS r5
  FROM bench_stage.cfg, generate_series(1, cfg.users) n
), w AS (
  SELECT b.*,
         CASE WHEN user_no = 1 OR (user_no > 2 AND r_zero < 0.05) THEN 0::float8
              ELSE power((row_number() OVER (ORDER BY CASE WHEN user_no = 1 THEN -1 ELSE r_rank END) - 1)::float8, -0.9)
         END AS w
  FROM b
), w2 AS (
  SELECT w.*,
         CASE WHEN user_no = 1 THEN 0 ELSE power(w + 0.002, 0.8) END AS wc,
         CASE WHEN user_no = 1 THEN 0 ELSE power(w + 0.002, 0.6) END AS wa
  FROM w
), cum AS (
  SELECT w2.*,
         sum(w) OVER o / nullif(sum(w) OVER (), 0) AS cw,
         sum(wc) OVER o / nullif(sum(wc) OVER (), 0) AS ccw,
         sum(wa) OVER o / nullif(sum(wa) OVER (), 0) AS caw
  FROM w2 WINDOW o AS (ORDER BY user_no)
), bnd AS (
  SELECT cum.*,
         CASE WHEN user_no = 1 THEN 0 WHEN user_no = cfg.users THEN cfg.calls - cfg.heavy_calls
              ELSE coalesce(round((cfg.calls - cfg.heavy_calls) * cw), 0) END::bigint AS b_calls,
         CASE WHEN user_no = 1 THEN 0 WHEN user_no = cfg.users THEN cfg.contacts - cfg.heavy_contacts
              ELSE coalesce(round((cfg.contacts - cfg.heavy_contacts) * ccw), 0) END::bigint AS b_contacts,
         CASE WHEN user_no = 1 THEN 0
              WHEN user_no = cfg.users THEN cfg.agents - cfg.heavy_agents - (cfg.users - 1)
              ELSE coalesce(round((cfg.agents - cfg.heavy_agents - (cfg.users - 1)) * caw), 0) END::bigint AS b_agents
  FROM cum, bench_stage.cfg
), counts AS (
  SELECT bnd.*,
         CASE WHEN user_no = 1 THEN cfg.heavy_calls
              ELSE b_calls - lag(b_calls, 1, 0::bigint) OVER (ORDER BY user_no) END::int AS n_calls,
         CASE WHEN user_no = 1 THEN cfg.heavy_contacts
              ELSE b_contacts - lag(b_contacts, 1, 0::bigint) OVER (ORDER BY user_no) END::int AS n_contacts,
         CASE WHEN user_no = 1 THEN cfg.heavy_agents
              ELSE 1 + b_agents - lag(b_agents, 1, 0::bigint) OVER (ORDER BY user_no) END::int AS n_agents
  FROM bnd, bench_stage.cfg
)
SELECT c.user_no, gen_random_uuid() AS id, c.n_calls, c.n_contacts, c.n_agents,
       -- the last n_auto contacts are callers the inbound-call webhook created, the rest imports
       least(floor(c.n_contacts * 0.04), floor(c.n_calls * 0.02))::int AS n_auto,
       c.n_contacts - least(floor(c.n_contacts * 0.04), floor(c.n_calls * 0.02))::int AS n_imported,
       '+1415' || lpad(((c.user_no * 7919) % 8000000 + 2000000)::text, 7, '0') AS phone,
       c.r1, c.r2, c.r3, c.r4, c.r5,
       (ARRAY['James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda','David','Elizabeth',
              'William','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah','Carlos','Karen',
              'Daniel','Lisa','Matthew','Nancy','Anthony','Sandra','Mark','Ashley','Steven','Emily',
              'Andrew','Michelle','Joshua','Amanda','Kevin','Melissa','Brian','Laura','Priya','Aisha',
              'Wei','Fatima','Omar','Sofia','Hiroshi','Chloe','Liam','Grace','Noah','Zoe'])[1 + floor(c.r1 * 50)::int] AS first_name,
       (ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez',
              'Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore','Jackson','Martin',
              'Lee','Perez','Thompson','White','Harris','Sanchez','Clark','Ramirez','Lewis','Robinson',
              'Walker','Young','Allen','King','Wright','Scott','Torres','Nguyen','Hill','Flores',
              'Patel','Kim','Chen','Singh','Khan','Murphy','Cohen','Okafor','Rossi','Muller'])[1 + floor(c.r2 * 50)::int] AS last_name,
       (ARRAY['Summit','Northwind','Bluebird','Redwood','Harbor','Lakeside','Ironclad','Brightline','Evergreen','Silverline',
              'Granite','Keystone','Pioneer','Cascade','Horizon','Beacon','Maple','Atlas','Crescent','Sterling',
              'Juniper','Riverbend','Oakridge','Meridian','Cobalt','Highland','Sunrise','Foxglove','Westfield','Parkview'])[1 + floor(c.r3 * 30)::int] AS company_prefix,
       1 + ((c.user_no * 7) % 12) AS industry,
       CASE WHEN c.user_no = 1 THEN 20 WHEN c.n_calls > 20000 THEN 10 WHEN c.n_calls > 5000 THEN 5
            WHEN c.n_calls > 1000 THEN 3 ELSE 2 END AS concurrent_calls_limit,
       CASE WHEN c.user_no = 1 THEN cfg.ws - interval '180 days' - interval '9 hours'
            ELSE cfg.ws - make_interval(days => 2 + floor(c.r4 * 540)::int) - c.r5 * interval '20 hours' END AS created_at,
       (c.n_calls = 0 AND c.r5 < 0.3) AS inactive
FROM counts c, bench_stage.cfg;
ANALYZE bench_stage.u;

-- The heavy user must get exactly its share: fail loudly rather than generate a wrong data set.
SELECT CASE WHEN (SELECT sum(n_calls) FROM bench_stage.u) <> (SELECT calls FROM bench_stage.cfg)
              OR (SELECT n_calls FROM bench_stage.u WHERE user_no = 1) <> (SELECT heavy_calls FROM bench_stage.cfg)
              OR (SELECT sum(n_agents) FROM bench_stage.u) <> (SELECT agents FROM bench_stage.cfg)
              OR (SELECT sum(n_contacts) FROM bench_stage.u) <> (SELECT contacts FROM bench_stage.cfg)
            THEN CAST((SELECT 'bench size allocation does not add up') AS int) END AS allocation_check;

-- ------------------------------------------------------------------ industries (lookup)
CREATE UNLOGGED TABLE bench_stage.ind AS
SELECT * FROM (VALUES
  (1, 'Solar', 'cut their energy bill with rooftop solar', 'Book a free roof assessment'),
  (2, 'Realty', 'sell homes faster with local market reports', 'Schedule a home valuation call'),
  (3, 'Insurance', 'compare home and auto insurance in one place', 'Send a personalised quote'),
  (4, 'Dental', 'keep up with checkups and cleanings', 'Book a cleaning appointment'),
  (5, 'Software', 'automate invoicing and payments', 'Book a 20 minute product demo'),
  (6, 'Logistics', 'ship freight across the country on time', 'Set up a freight quote call'),
  (7, 'Fitness', 'get fit with flexible gym memberships', 'Book a free trial class'),
  (8, 'Finance', 'plan for retirement with a certified advisor', 'Schedule a planning session'),
  (9, 'Health', 'manage chronic care with a dedicated nurse', 'Book an intake call'),
  (10, 'Education', 'upskill teams with live online courses', 'Send the course catalogue'),
  (11, 'Automotive', 'service their car with pickup and delivery', 'Book a service slot'),
  (12, 'Hospitality', 'host corporate events at our venues', 'Arrange a venue tour')
) v(industry, sector, pitch, next_action);

-- ------------------------------------------------------------------ agents
CREATE UNLOGGED TABLE bench_stage.a AS
SELECT u.user_no, g.agent_no, gen_random_uuid() AS id, gen_random_uuid()::text AS bolna_agent_id,
       (ARRAY['Maya','Alex','Jordan','Priya','Sam','Olivia','Leo','Nora','Ethan','Zara',
              'Ava','Mateo','Ivy','Kai','Ruby','Theo','Lena','Omar','Elise','Hugo'])[1 + floor(random() * 20)::int] AS persona,
       (ARRAY['Outbound sales','Appointment setter','Lead qualifier','Renewals','Customer follow-up',
              'Event invites','Survey','Reactivation','Support callback','Demo booking'])[1 + (g.agent_no - 1) % 10] AS purpose,
       u.created_at + (cfg.ws - u.created_at) * (0.05 + 0.9 * random()) AS created_at,
       random() < 0.95 AS is_active
FROM bench_stage.u u CROSS JOIN bench_stage.cfg
CROSS JOIN LATERAL generate_series(1, u.n_agents) g(agent_no);
ALTER TABLE bench_stage.a ADD PRIMARY KEY (user_no, agent_no);
ANALYZE bench_stage.a;

-- ------------------------------------------------------------------ contacts
-- Numbers are E.164 and unique per user: US numbers in real area codes (an injective walk over
-- area code x exchange x line), every twentieth a London +44 20 number. tz is the recipient's
-- zone, as libphonenumber gives it for these numbers. Most contacts came in CSV imports (one
-- timestamp per import), some were added by hand.
CREATE UNLOGGED TABLE bench_stage.c AS
WITH g AS (
  SELECT u.user_no, u.created_at AS user_created_at, g.cno,
         ((g.cno::bigint * 7919 + u.user_no::bigint * 104729) % 160000000) AS j,
         random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
  FROM bench_stage.u u CROSS JOIN LATERAL generate_series(1, u.n_contacts) g(cno)
), p AS (
  SELECT g.*,
         (g.cno % 20 = 7) AS uk,
         1 + (g.j % 25)::int AS area_idx,
         ((g.j / 25) % 640)::int AS ex_idx,
         ((g.j / 25) / 640)::int AS line
  FROM g
)
SELECT p.user_no, p.cno, gen_random_uuid() AS id, p.cno > u2.n_imported AS auto,
       CASE WHEN p.cno > u2.n_imported
            THEN '+1' || (ARRAY['929','628','872'])[1 + (p.cno - u2.n_imported - 1) % 3]
                 || (2 + (((p.cno - u2.n_imported - 1) / 3) % 640) / 80)::text
                 || (ARRAY['0','2','3','4','6','7','8','9'])[1 + ((((p.cno - u2.n_imported - 1) / 3) % 640) / 10) % 8]
                 || ((((p.cno - u2.n_imported - 1) / 3) % 640) % 10)::text
                 || lpad(((((p.cno - u2.n_imported - 1) / 3) / 640) % 10000)::text, 4, '0')
            WHEN p.uk
            THEN '+4420' || (7 + (p.cno / 20) % 2)::text
                 || lpad((((p.cno / 40)::bigint * 7907 + p.user_no * 31) % 10000000)::text, 7, '0')
            ELSE '+1' || (ARRAY['212','646','718','917','347','617','305','404','202','215',
                                '312','773','713','214','512','612','303','602','415','650',
                                '408','213','310','818','206'])[p.area_idx]
                 || (2 + p.ex_idx / 80)::text
                 || (ARRAY['0','2','3','4','6','7','8','9'])[1 + (p.ex_idx / 10) % 8]
                 || (p.ex_idx % 10)::text
                 || lpad(p.line::text, 4, '0')
       END AS phone,
       CASE WHEN p.cno > u2.n_imported
            THEN (ARRAY['America/New_York','America/Los_Angeles','America/Chicago'])[1 + (p.cno - u2.n_imported - 1) % 3]
            WHEN p.uk THEN 'Europe/London'
            ELSE (ARRAY['America/New_York','America/New_York','America/New_York','America/New_York','America/New_York',
                        'America/New_York','America/New_York','America/New_York','America/New_York','America/New_York',
                        'America/Chicago','America/Chicago','America/Chicago','America/Chicago','America/Chicago',
                        'America/Chicago','America/Denver','America/Phoenix','America/Los_Angeles','America/Los_Angeles',
                        'America/Los_Angeles','America/Los_Angeles','America/Los_Angeles','America/Los_Angeles',
                        'America/Los_Angeles'])[p.area_idx]
       END AS tz,
       (ARRAY['James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda','David','Elizabeth',
              'William','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah','Carlos','Karen',
              'Daniel','Lisa','Matthew','Nancy','Anthony','Sandra','Mark','Ashley','Steven','Emily',
              'Andrew','Michelle','Joshua','Amanda','Kevin','Melissa','Brian','Laura','Priya','Aisha',
              'Wei','Fatima','Omar','Sofia','Hiroshi','Chloe','Liam','Grace','Noah','Zoe',
              'Oliver','Amelia','Harry','Isla','George','Ella','Jack','Poppy','Lucas','Mia'])[1 + floor(p.r1 * 60)::int] AS first_name,
       (ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez',
              'Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore','Jackson','Martin',
              'Lee','Perez','Thompson','White','Harris','Sanchez','Clark','Ramirez','Lewis','Robinson',
              'Walker','Young','Allen','King','Wright','Scott','Torres','Nguyen','Hill','Flores',
              'Patel','Kim','Chen','Singh','Khan','Murphy','Cohen','Okafor','Rossi','Muller',
              'Evans','Hughes','Edwards','Price','Morgan','Shaw','Baker','Ward','Cooper','Bennett'])[1 + floor(p.r2 * 60)::int] AS last_name,
       p.r3 < 0.85 AS has_email,
       CASE WHEN p.r4 < 0.7
            THEN (ARRAY['Acme Corp','Globex','Initech','Umbrella Health','Stark Supplies','Wayne Logistics',
                        'Hooli','Vandelay Imports','Soylent Foods','Tyrell Systems','Cyberdyne Labs',
                        'Wonka Industries','Gringotts Finance','Oceanic Travel','Pied Piper','Dunder Paper',
                        'Prestige Worldwide','Monarch Dental','Blue Sun','Massive Dynamic'])[1 + floor(p.r5 * 20)::int]
       END AS company,
       CASE WHEN p.r6 < 0.2
            THEN (ARRAY['Met at the spring trade show','Asked for pricing last year','Referred by a customer',
                        'Prefers calls after 2pm','Downloaded the brochure','Former customer',
                        'Interested in the premium plan','Call back next quarter'])[1 + floor(p.r1 * 8)::int]
       END AS notes,
       p.r5 < 0.1 AS is_customer,
       CASE WHEN p.r6 < 0.6
            THEN jsonb_build_object('plan', (ARRAY['basic','gold','premium','trial'])[1 + floor(p.r2 * 4)::int],
                                    'city', (ARRAY['Springfield','Riverside','Franklin','Greenville','Fairview',
                                                   'Madison','Georgetown','Salem','Clinton','Bristol'])[1 + floor(p.r3 * 10)::int])
            ELSE '{}'::jsonb
       END AS user_data,
       CASE WHEN p.r4 < 0.1
            THEN p.user_created_at + (cfg.ws - p.user_created_at) * random()
            ELSE p.user_created_at + (cfg.ws - p.user_created_at) * (0.05 + 0.9 * (((p.cno - 1) / 2000) + 1)::float8
                 / (((u2.n_contacts - 1) / 2000) + 2))
       END AS created_at
FROM p JOIN bench_stage.u u2 ON u2.user_no = p.user_no CROSS JOIN bench_stage.cfg;
ALTER TABLE bench_stage.c ADD PRIMARY KEY (user_no, cno);
ANALYZE bench_stage.c;

-- ------------------------------------------------------------------ scenarios of answered calls
-- Eight conversations, each with up to three optional callee lines: 64 transcript variants. The
-- lead scores of each variant are computed below exactly as the app's KeywordLeadScorer would
-- score that transcript (callee lines only, so the agent's, company's and contact's names that
-- fill {A}, {C}, {N} and {P} do not move a score).
CREATE UNLOGGED TABLE bench_stage.scn_line AS
SELECT * FROM (VALUES
  (1, 1, 0, 'assistant: Hi {N}, this is {A} calling from {C}. Do you have a minute?'),
  (1, 2, 0, 'user: Sure, what is this about?'),
  (1, 3, 0, 'assistant: We help teams like yours {P}. Would a short demo be useful?'),
  (1, 4, 0, 'user: Yes, I am interested. We need something like that for our team.'),
  (1, 5, 1, 'user: Can we do it this week?'),
  (1, 6, 0, 'assistant: Absolutely. I can set that up for Thursday at 10am.'),
  (1, 7, 0, 'user: Great, let''s book a demo on Thursday.'),
  (1, 8, 2, 'user: Also, how much does it cost per month?'),
  (1, 9, 0, 'assistant: Plans start small and I will email the details with the invite.'),
  (1, 10, 3, 'user: Send me the invite at my work address please.'),
  (1, 11, 0, 'assistant: Done. Thanks {N}, talk to you Thursday.'),
  (2, 1, 0, 'assistant: Hello {N}, {A} here from {C}. We help people {P}. Is now a good time?'),
  (2, 2, 0, 'user: I have a few minutes. What does it cost?'),
  (2, 3, 0, 'assistant: It depends on the plan. What are you using at the moment?'),
  (2, 4, 0, 'user: We use a spreadsheet and honestly it is a problem.'),
  (2, 5, 1, 'user: What is the price for ten seats?'),
  (2, 6, 2, 'user: We have budget set aside for this quarter.'),
  (2, 7, 0, 'assistant: I can put a quote together for you.'),
  (2, 8, 0, 'user: Sounds good, send me the quote.'),
  (2, 9, 3, 'user: No rush though, maybe later in the year works better.'),
  (2, 10, 0, 'assistant: Understood. You will have it by email shortly. Thank you {N}.'),
  (3, 1, 0, 'assistant: Hi, is this {N}? This is {A} from {C}.'),
  (3, 2, 0, 'user: Yes, but I am in a meeting right now.'),
  (3, 3, 0, 'assistant: No problem at all. When would be a better time?'),
  (3, 4, 0, 'user: Please call me back tomorrow afternoon.'),
  (3, 5, 1, 'user: I am interested, just swamped today.'),
  (3, 6, 2, 'user: Or call back on Monday if that is easier.'),
  (3, 7, 0, 'assistant: Will do. I have noted it down. Talk to you then.'),
  (3, 8, 3, 'user: Thanks, bye.'),
  (4, 1, 0, 'assistant: Good afternoon {N}, this is {A} with {C}. We help people {P}.'),
  (4, 2, 0, 'user: Okay. What exactly do you offer?'),
  (4, 3, 0, 'assistant: A simple service with no long contract. Many of our customers started with a trial.'),
  (4, 4, 0, 'user: I see. We are looking for options at the moment.'),
  (4, 5, 1, 'user: Send me an email with the details.'),
  (4, 6, 2, 'user: We will probably decide next year.'),
  (4, 7, 3, 'user: Our team would have to review it first.'),
  (4, 8, 0, 'assistant: Of course. I will send everything over. Thank you for your time.'),
  (5, 1, 0, 'assistant: Hi {N}, this is {A} from {C}. We help people {P}.'),
  (5, 2, 0, 'user: Sorry, I am not interested.'),
  (5, 3, 0, 'assistant: I understand. May I ask what you use today?'),
  (5, 4, 1, 'user: We don''t need it right now.'),
  (5, 5, 2, 'user: It is too expensive for us anyway.'),
  (5, 6, 0, 'user: No thanks, goodbye.'),
  (5, 7, 3, 'assistant: Thanks for your time. Have a good day.'),
  (6, 1, 0, 'assistant: Hello, may I speak with {N}? This is {A} calling from {C}.'),
  (6, 2, 0, 'user: Please stop calling this number. Remove me from your list.'),
  (6, 3, 0, 'assistant: I am sorry for the trouble. You will not be contacted again.'),
  (6, 4, 1, 'user: Do not call me again.'),
  (6, 5, 2, 'user: This is the third time this month.'),
  (6, 6, 3, 'assistant: Understood. Goodbye.'),
  (7, 1, 0, 'assistant: Hi, is this {N}? I am {A} from {C}.'),
  (7, 2, 0, 'user: No, you have the wrong person.'),
  (7, 3, 1, 'user: This is not relevant to me at all.'),
  (7, 4, 2, 'user: Nobody by that name lives here.'),
  (7, 5, 0, 'assistant: My apologies for the confusion. Have a good day.'),
  (7, 6, 3, 'user: Bye.'),
  (8, 1, 0, 'assistant: Hello {N}, this is {A} from {C}. Do you have a moment?'),
  (8, 2, 0, 'user: Hello?'),
  (8, 3, 1, 'user: Sorry, bad line.'),
  (8, 4, 2, 'assistant: Can you hear me now?'),
  (8, 5, 3, 'user: Who?'),
  (8, 6, 0, 'assistant: I will try you again later. Goodbye.')
) v(scn, ord, opt, line);

-- weight (share of answered calls), duration range in seconds, extracted_data Bolna sends
CREATE UNLOGGED TABLE bench_stage.scn_meta AS
SELECT * FROM (VALUES
  (1, 0.14, 150, 420, '{"interested": true}'),
  (2, 0.18, 90, 300, '{"interested": true}'),
  (3, 0.15, 30, 110, '{}'),
  (4, 0.22, 60, 220, '{}'),
  (5, 0.16, 15, 70, '{"interested": false}'),
  (6, 0.01, 10, 45, '{"interested": false}'),
  (7, 0.06, 8, 40, '{}'),
  (8, 0.08, 5, 30, '{}')
) v(scn, weight, dmin, dmax, extracted);

-- KeywordLeadScorer's cues, in its order, and its calls to action.
CREATE UNLOGGED TABLE bench_stage.cue AS
SELECT * FROM (VALUES
  ('intent', 1, 'interested', 25), ('intent', 2, 'sounds good', 20), ('intent', 3, 'book a demo', 30),
  ('intent', 4, 'schedule a demo', 30), ('intent', 5, 'sign up', 25), ('intent', 6, 'let''s do it', 25),
  ('intent', 7, 'send me', 10), ('intent', 8, 'not interested', -45), ('intent', 9, 'no thanks', -30),
  ('intent', 10, 'don''t call', -50), ('intent', 11, 'do not call', -50), ('intent', 12, 'stop calling', -50),
  ('urgency', 1, 'today', 20), ('urgency', 2, 'tomorrow', 15), ('urgency', 3, 'this week', 20),
  ('urgency', 4, 'asap', 30), ('urgency', 5, 'as soon as possible', 30), ('urgency', 6, 'urgent', 30),
  ('urgency', 7, 'next year', -25), ('urgency', 8, 'no rush', -20), ('urgency', 9, 'maybe later', -15),
  ('budget', 1, 'budget', 15), ('budget', 2, 'how much', 15), ('budget', 3, 'price', 10),
  ('budget', 4, 'pricing', 10), ('budget', 5, 'cost', 10), ('budget', 6, 'afford', 5),
  ('budget', 7, 'too expensive', -30), ('budget', 8, 'no budget', -40),
  ('fit', 1, 'we need', 20), ('fit', 2, 'looking for', 20), ('fit', 3, 'our team', 10),
  ('fit', 4, 'we use', 10), ('fit', 5, 'problem', 10), ('fit', 6, 'don''t need', -35),
  ('fit', 7, 'not relevant', -35), ('fit', 8, 'wrong person', -30)
) v(dim, ord, phrase, points);

CREATE UNLOGGED TABLE bench_stage.cta AS
SELECT * FROM (VALUES
  ('book a demo', 'demo_booked'), ('schedule a demo', 'demo_booked'), ('demo on', 'demo_booked'),
  ('how much', 'pricing_asked'), ('pricing', 'pricing_asked'), ('price', 'pricing_asked'),
  ('call me back', 'callback_requested'), ('call back', 'callback_requested'),
  ('not interested', 'not_interested'), ('don''t call', 'do_not_call'), ('do not call', 'do_not_call'),
  ('stop calling', 'do_not_call'), ('remove me', 'do_not_call')
) v(phrase, kind);

CREATE UNLOGGED TABLE bench_stage.scn AS
WITH variant AS (
  SELECT m.scn, v.var, m.weight, m.dmin, m.dmax, m.extracted::jsonb AS extracted
  FROM bench_stage.scn_meta m CROSS JOIN generate_series(0, 7) v(var)
), lines AS (
  SELECT v.scn, v.var, l.ord, l.line, lower(btrim(l.line)) AS low
  FROM variant v JOIN bench_stage.scn_line l ON l.scn = v.scn
  WHERE l.opt = 0 OR ((v.var >> (l.opt - 1)) & 1) = 1
), text AS (
  SELECT scn, var,
         string_agg(line, E'\n' ORDER BY ord) AS content,
         jsonb_agg(jsonb_build_object('speaker', lower(btrim(split_part(line, ':', 1))),
                                      'text', btrim(substr(line, strpos(line, ':') + 1))) ORDER BY ord)::text AS segments,
         coalesce(string_agg(' ' || low, '' ORDER BY ord)
                    FILTER (WHERE low NOT LIKE 'assistant:%' AND low NOT LIKE 'agent:%' AND low NOT LIKE 'bot:%'), '') AS said,
         count(*) FILTER (WHERE low LIKE 'user:%' OR low LIKE 'customer:%' OR low LIKE 'callee:%')::int AS turns,
         count(*)::int AS n_lines
  FROM lines GROUP BY scn, var
), words AS (
  SELECT t.*, CASE WHEN btrim(said) = '' THEN 0
                   ELSE array_length(regexp_split_to_array(said, '\s+'), 1) END AS words
  FROM text t
), dims AS (
  SELECT w.scn, w.var, d.dim,
         least(100, greatest(0, 50 + coalesce(sum(c.points) FILTER (WHERE strpos(w.said, c.phrase) > 0), 0)))::int AS score,
         coalesce(jsonb_agg(to_jsonb(CASE WHEN c.points > 0 THEN '+' ELSE '' END || c.points || ' ''' || c.phrase || '''')
                            ORDER BY c.ord) FILTER (WHERE strpos(w.said, c.phrase) > 0), '[]'::jsonb) AS why
  FROM words w CROSS JOIN (VALUES ('intent'), ('urgency'), ('budget'), ('fit')) d(dim)
  JOIN bench_stage.cue c ON c.dim = d.dim
  GROUP BY w.scn, w.var, d.dim
), ctas AS (
  SELECT w.scn, w.var,
         jsonb_build_object(
           'demo_booked', bool_or(strpos(w.said, x.phrase) > 0 AND x.kind = 'demo_booked'),
           'pricing_asked', bool_or(strpos(w.said, x.phrase) > 0 AND x.kind = 'pricing_asked'),
           'callback_requested', bool_or(strpos(w.said, x.phrase) > 0 AND x.kind = 'callback_requested'),
           'not_interested', bool_or(strpos(w.said, x.phrase) > 0 AND x.kind = 'not_interested'),
           'do_not_call', bool_or(strpos(w.said, x.phrase) > 0 AND x.kind = 'do_not_call')) AS cta
  FROM words w CROSS JOIN bench_stage.cta x GROUP BY w.scn, w.var
), scored AS (
  SELECT w.scn, w.var, w.weight, w.dmin, w.dmax, w.extracted, w.content, w.segments, w.turns, w.words, w.n_lines,
         x.cta,
         i.score AS intent0, i.why AS intent_why,
         u.score AS urgency, u.why AS urgency_why,
         b.score AS budget, b.why AS budget_why,
         f.score AS fit, f.why AS fit_why,
         least(100, greatest(0, 10 + w.turns * 8 + least(w.words, 200) / 4))::int AS engagement
  FROM (SELECT t.*, v.weight, v.dmin, v.dmax, v.extracted FROM words t JOIN variant v USING (scn, var)) w
  JOIN ctas x USING (scn, var)
  JOIN dims i ON i.scn = w.scn AND i.var = w.var AND i.dim = 'intent'
  JOIN dims u ON u.scn = w.scn AND u.var = w.var AND u.dim = 'urgency'
  JOIN dims b ON b.scn = w.scn AND b.var = w.var AND b.dim = 'budget'
  JOIN dims f ON f.scn = w.scn AND f.var = w.var AND f.dim = 'fit'
), with_extracted AS (
  SELECT s.*,
         CASE WHEN jsonb_typeof(s.extracted -> 'interested') = 'boolean'
              THEN least(100, greatest(0, s.intent0 + CASE WHEN (s.extracted ->> 'interested')::boolean THEN 20 ELSE -30 END))
              ELSE s.intent0 END AS intent,
         CASE WHEN jsonb_typeof(s.extracted -> 'interested') = 'boolean'
              THEN s.intent_why || to_jsonb(CASE WHEN (s.extracted ->> 'interested')::boolean
                                                 THEN '+20 extracted_data.interested=true'
                                                 ELSE '-30 extracted_data.interested=false' END)
              ELSE s.intent_why END AS intent_why2
  FROM scored s
), totals AS (
  SELECT e.*,
         least(100, greatest(0, floor(e.intent::float8 * 0.35 + e.urgency::float8 * 0.15 + e.budget::float8 * 0.15
                                      + e.fit::float8 * 0.20 + e.engagement::float8 * 0.15 + 0.5)::int)) AS total0,
         (e.cta ->> 'do_not_call')::boolean OR (e.cta ->> 'not_interested')::boolean AS declined
  FROM with_extracted e
)
SELECT t.scn, t.var, t.weight, t.dmin + 6 * t.n_lines AS dmin, t.dmax + 6 * t.n_lines AS dmax, t.extracted,
       t.content, t.segments, t.cta,
       t.intent, t.urgency, t.budget, t.fit, t.engagement,
       CASE WHEN t.declined THEN least(t.total0, 20) WHEN t.words < 5 THEN least(t.total0, 35) ELSE t.total0 END AS total,
       jsonb_build_object('intent', t.intent_why2, 'urgency', t.urgency_why, 'budget', t.budget_why,
                          'fit', t.fit_why,
                          'engagement', jsonb_build_array(t.turns || ' callee turns, ' || t.words || ' words'))
       || CASE WHEN t.declined THEN jsonb_build_object('total', jsonb_build_array('capped at 20: the callee declined'))
               WHEN t.words < 5 THEN jsonb_build_object('total', jsonb_build_array('capped at 35: the callee said too little to judge'))
               ELSE '{}'::jsonb END AS reasoning,
       sum(t.weight / 8) OVER (ORDER BY t.scn, t.var) - t.weight / 8 AS cum_lo,
       sum(t.weight / 8) OVER (ORDER BY t.scn, t.var) AS cum_hi
FROM totals t;
ANALYZE bench_stage.scn;

-- A thousand equal slots over the variants by weight, so a call picks its variant by equality.
CREATE UNLOGGED TABLE bench_stage.scn_slot AS
SELECT g.slot, s.scn, s.var, s.dmin, s.dmax
FROM generate_series(0, 999) g(slot)
JOIN bench_stage.scn s ON (g.slot + 0.5) / 1000 >= s.cum_lo AND (g.slot + 0.5) / 1000 < s.cum_hi;
ANALYZE bench_stage.scn_slot;

-- ------------------------------------------------------------------ campaigns (plan)
-- Per user, about 72 percent of the calls belong to campaigns, about 400 calls a campaign, no
-- campaign larger than the user's contacts; a quarter more campaigns are drafts or scheduled.
CREATE UNLOGGED TABLE bench_stage.cp AS
WITH per_user AS (
  SELECT u.user_no, u.id AS user_id, u.n_calls, u.n_imported AS n_contacts, u.n_agents, u.industry, u.company_prefix,
         CASE WHEN u.n_imported = 0 OR u.n_calls = 0 THEN 0 ELSE round(u.n_calls * 0.72)::int END AS t_calls
  FROM bench_stage.u u
), k AS (
  SELECT p.*,
         CASE WHEN p.t_calls = 0 THEN 0
              ELSE least(p.t_calls, greatest(ceil(p.t_calls / 400.0), ceil(p.t_calls / (1.25 * p.n_contacts))))::int END AS k_calls
  FROM per_user p
), k2 AS (
  SELECT k.*, CASE WHEN k.n_contacts = 0 THEN 0 ELSE floor(k.k_calls * 0.2 + random() * 1.2)::int END AS k_idle
  FROM k
), g AS (
  SELECT k2.*, g.camp_no, g.camp_no <= k2.k_calls AS callable, 0.5 + random() AS cw,
         random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
         random() AS r7, random() AS r8
  FROM k2 CROSS JOIN LATERAL generate_series(1, k2.k_calls + k2.k_idle) g(camp_no)
), split AS (
  SELECT g.*,
         CASE WHEN g.callable THEN round((g.t_calls - g.k_calls)
                * sum(g.cw) OVER (PARTITION BY g.user_no, g.callable ORDER BY g.camp_no)
                / sum(g.cw) OVER (PARTITION BY g.user_no, g.callable))::int END AS bnd
  FROM g
), planned AS (
  SELECT s.*,
         CASE WHEN s.callable THEN 1 + s.bnd - coalesce(lag(s.bnd) OVER (PARTITION BY s.user_no, s.callable ORDER BY s.camp_no), 0)
              ELSE 0 END AS pc,
         CASE WHEN s.r1 < 0.05 THEN 1 WHEN s.r1 < 0.82 THEN 2 ELSE 3 END AS ma_req,
         CASE WHEN NOT s.callable THEN CASE WHEN s.r2 < 0.55 THEN 'draft' ELSE 'scheduled' END
              WHEN s.camp_no = 1 THEN 'completed'
              WHEN s.r2 < 0.70 THEN 'completed' WHEN s.r2 < 0.80 THEN 'active'
              WHEN s.r2 < 0.88 THEN 'paused' ELSE 'cancelled' END AS status
  FROM split s
), items AS (
  SELECT p.*,
         CASE WHEN NOT p.callable THEN 0
              ELSE least(p.n_contacts, CASE WHEN p.ma_req = 1 THEN p.pc ELSE greatest(1, round(p.pc / 1.25)::int) END)
         END AS q
  FROM planned p
), eff AS (
  SELECT i.*,
         CASE WHEN i.q = 0 THEN i.ma_req ELSE greatest(i.ma_req, least(10, ceil(i.pc::numeric / i.q)::int)) END AS max_attempts
  FROM items i
), eff2 AS (
  SELECT e.*, least(e.pc, e.q * e.max_attempts) AS pc_eff,
         CASE WHEN e.status IN ('active', 'paused', 'cancelled')
              THEN least(e.n_contacts - e.q, round(e.q * (0.15 + e.r3 * 0.8))::int)
              WHEN NOT e.callable THEN least(e.n_contacts, 20 + floor(e.r3 * 380)::int)
              ELSE 0 END AS unreached
  FROM eff e
), eff3 AS (
  SELECT e.*, least(e.n_contacts - e.q - e.unreached, floor(e.q * e.r4 * 0.06)::int) AS skipped_draft,
         CASE WHEN e.status IN ('completed', 'cancelled')
              THEN greatest(1, least(cfg.days - 2, ceil(e.pc_eff / (40 + e.r5 * 260))::int))
              WHEN e.status IN ('active', 'paused')
              THEN 1 + floor(e.r5 * least(14, cfg.days - 2))::int
              ELSE 0 END AS nd0
  FROM eff2 e CROSS JOIN bench_stage.cfg
), dated AS (
  SELECT e.*,
         -- last calling day (campaign-local date) and first
         CASE e.status
           WHEN 'active' THEN cfg.t0_date - 1
           WHEN 'paused' THEN cfg.t0_date - 1 - floor(e.r6 * 5)::int
           WHEN 'completed' THEN cfg.ws_date + 1 + floor(e.r6 * greatest(1, cfg.days - 1 - e.nd0))::int + e.nd0 - 1
           WHEN 'cancelled' THEN cfg.ws_date + 1 + floor(e.r6 * greatest(1, cfg.days - 1 - e.nd0))::int + e.nd0 - 1
           ELSE NULL END AS last_day
  FROM eff3 e CROSS JOIN bench_stage.cfg
), dated2 AS (
  SELECT d.*,
         CASE WHEN d.callable THEN greatest(cfg.ws_date + 1, d.last_day - d.nd0 + 1)
              WHEN d.status = 'scheduled' THEN cfg.t0_date + 1 + floor(d.r6 * 30)::int
              ELSE cfg.t0_date + floor(d.r6 * 14)::int END AS start_date
  FROM dated d CROSS JOIN bench_stage.cfg
)
SELECT d.user_no, d.user_id, d.camp_no, gen_random_uuid() AS id, d.callable, d.status,
       1 + floor(d.n_agents * power(d.r7, 1.5))::int AS agent_no,
       d.pc_eff, d.q, d.unreached, d.skipped_draft, d.max_attempts,
       CASE WHEN d.callable THEN d.last_day - d.start_date + 1 ELSE 0 END AS nd,
       d.start_date, d.last_day,
       CASE WHEN d.status = 'completed' THEN d.last_day + 1 + floor(d.r8 * 10)::int
            WHEN d.status IN ('active', 'paused', 'scheduled') AND d.r8 < 0.4 THEN greatest(d.start_date, cfg.t0_date) + 7 + floor(d.r8 * 60)::int
            WHEN d.status IN ('cancelled', 'draft') AND d.r8 < 0.4 THEN d.start_date + 7 + floor(d.r8 * 60)::int
       END AS end_date,
       (ARRAY['08:00','09:00','09:00','09:30','10:00'])[1 + floor(d.r3 * 5)::int]::time AS first_call_time,
       (ARRAY['17:00','18:00','18:00','19:00','20:00'])[1 + floor(d.r4 * 5)::int]::time AS last_call_time,
       (ARRAY['America/New_York','America/New_York','America/New_York','America/New_York','America/New_York',
              'America/New_York','America/Chicago','America/Chicago','America/Los_Angeles','America/Los_Angeles',
              'America/Denver','Europe/London'])[1 + floor(d.r5 * 12)::int] AS timezone,
       (ARRAY[30, 60, 60, 60, 90, 120, 240])[1 + floor(d.r6 * 7)::int] AS retry_delay_minutes,
       d.r1 < 0.2 AS retry_on_voicemail,
       floor(d.r2 * d.n_contacts)::int AS contact_offset,
       d.industry, d.company_prefix, d.r7, d.r8
FROM dated2 d CROSS JOIN bench_stage.cfg;
ALTER TABLE bench_stage.cp ADD PRIMARY KEY (user_no, camp_no);
ANALYZE bench_stage.cp;

-- ------------------------------------------------------------------ queue items (plan)
-- kind: called (k = 1..q, dialed in position order), unreached (queued, or cancelled with the
-- campaign), skipped_draft (skipped when the draft was filled). a = attempts: the campaign's
-- calls spread over its called items (every item at least one, at most max_attempts).
CREATE UNLOGGED TABLE bench_stage.i AS
WITH keyed AS (
  SELECT cp.user_no, cp.camp_no, g.k, 'live' AS grp, g.k::float8 AS sort_key
  FROM bench_stage.cp cp CROSS JOIN LATERAL generate_series(1, cp.q + cp.unreached) g(k)
  UNION ALL
  SELECT cp.user_no, cp.camp_no, g.k, 'skip' AS grp, random() * (cp.q + cp.unreached) AS sort_key
  FROM bench_stage.cp cp CROSS JOIN LATERAL generate_series(1, cp.skipped_draft) g(k)
), positioned AS (
  SELECT k.*, row_number() OVER (PARTITION BY k.user_no, k.camp_no ORDER BY k.sort_key, k.grp) AS position
  FROM keyed k
), kinds AS (
  SELECT p.*, cp.q, cp.pc_eff, cp.max_attempts, cp.status AS cstatus, cp.retry_on_voicemail, cp.nd,
         cp.start_date, cp.first_call_time, cp.last_call_time, cp.contact_offset, cp.id AS campaign_id,
         cp.end_date,
         CASE WHEN p.grp = 'skip' THEN 'skipped_draft' WHEN p.k <= cp.q THEN 'called' ELSE 'unreached' END AS kind,
         random() AS r_rank, random() AS r_out, random() AS r_fail, random() AS r_t
  FROM positioned p JOIN bench_stage.cp cp USING (user_no, camp_no)
), outcomes AS (
  SELECT k.*,
         CASE WHEN k.kind <> 'called' THEN NULL
              WHEN k.r_out < 0.75 THEN 'answered'
              WHEN k.r_out < 0.83 THEN 'voicemail'
              WHEN k.r_out < 0.855 THEN 'unknown'
              WHEN k.r_fail < 0.55 THEN 'no-answer' WHEN k.r_fail < 0.80 THEN 'busy'
              WHEN k.r_fail < 0.92 THEN 'failed' ELSE 'canceled' END AS last_outcome
  FROM kinds k
), needy AS (
  -- an item whose last call was not connected is dialed again while attempts are left: it takes
  -- the extra attempts first, the rest go to the others (an answer after a no-answer)
  SELECT o.*,
         (o.kind = 'called' AND (o.last_outcome IN ('no-answer', 'busy', 'failed', 'canceled')
                                 OR (o.last_outcome = 'voicemail' AND o.retry_on_voicemail))) AS needy
  FROM outcomes o
), ranked AS (
  SELECT n.*,
         row_number() OVER (PARTITION BY n.user_no, n.camp_no, (n.kind = 'called') ORDER BY n.needy DESC, n.r_rank) AS rr,
         count(*) FILTER (WHERE n.needy) OVER (PARTITION BY n.user_no, n.camp_no) AS n_needy
  FROM needy n
), budget AS (
  SELECT r.*, r.pc_eff - r.q AS e,
         least(r.pc_eff - r.q, r.n_needy * (r.max_attempts - 1)) AS en
  FROM ranked r
), attempts AS (
  SELECT b.*,
         CASE WHEN b.kind <> 'called' THEN 0
              WHEN b.needy THEN 1 + b.en / b.n_needy + CASE WHEN b.rr <= b.en % b.n_needy THEN 1 ELSE 0 END
              ELSE 1 + (b.e - b.en) / (b.q - b.n_needy)
                     + CASE WHEN b.rr - b.n_needy <= (b.e - b.en) % (b.q - b.n_needy) THEN 1 ELSE 0 END
         END AS a
  FROM budget b
)
SELECT a.user_no, a.camp_no, a.campaign_id, gen_random_uuid() AS id, a.position::int AS position, a.kind,
       a.k, a.q, a.a, a.last_outcome, a.cstatus, a.max_attempts, a.nd, a.start_date, a.first_call_time,
       a.last_call_time,
       c.id AS contact_id, c.phone, c.first_name || ' ' || c.last_name AS contact_name, c.first_name,
       c.tz, c.user_data,
       CASE
         WHEN a.kind = 'skipped_draft' THEN 'skipped'
         WHEN a.kind = 'unreached' THEN CASE WHEN a.cstatus = 'cancelled' THEN 'cancelled' ELSE 'queued' END
         WHEN a.last_outcome = 'answered' THEN 'completed'
         WHEN a.last_outcome = 'unknown' THEN 'failed'
         WHEN a.a >= a.max_attempts OR (a.last_outcome = 'voicemail' AND NOT a.retry_on_voicemail) THEN 'failed'
         WHEN a.cstatus = 'completed' THEN 'skipped'
         WHEN a.cstatus = 'cancelled' THEN 'cancelled'
         ELSE 'queued'
       END AS status,
       -- the first attempt: the k-th of q items spread over nd calling days, inside the daily
       -- window, in the recipient's own zone
       CASE WHEN a.kind = 'called' THEN
         ((a.start_date + floor((a.k - 1 + a.r_t) / a.q * a.nd)::int) + a.first_call_time
          + ((a.k - 1 + a.r_t) / a.q * a.nd - floor((a.k - 1 + a.r_t) / a.q * a.nd)) * (a.last_call_time - a.first_call_time))
         AT TIME ZONE c.tz
       END AS t1
FROM attempts a
JOIN bench_stage.cp cp ON cp.user_no = a.user_no AND cp.camp_no = a.camp_no
JOIN bench_stage.u u ON u.user_no = a.user_no
JOIN bench_stage.c c ON c.user_no = a.user_no AND c.cno = 1 + (a.contact_offset + a.position - 1) % u.n_imported;
ANALYZE bench_stage.i;

-- ------------------------------------------------------------------ calls (plan)
-- Campaign calls: one per attempt of a called item (earlier attempts were not connected, the last
-- one decides the item). One-off calls (the rest of each user's calls): outbound API calls, to a
-- contact or a bare number, and inbound calls: from contacts (about 4 percent) and from new
-- callers, one call for each of the user's auto-created contacts (the last n_auto contacts), so
-- contacts still totals bench.contacts.
CREATE UNLOGGED TABLE bench_stage.x0 AS
SELECT i.user_no, 'campaign'::text AS kind, i.id AS item_id, cp.agent_no, g.attempt, g.attempt = i.a AS is_last,
       i.contact_id, i.phone, i.first_name AS contact_first,
       CASE WHEN g.attempt = i.a THEN i.last_outcome
            ELSE (ARRAY['no-answer','no-answer','no-answer','no-answer','no-answer','no-answer',
                        'busy','busy','busy','failed','canceled'])[1 + floor(random() * 11)::int] END AS outcome,
       least(i.t1 + (g.attempt - 1) * cp.retry_delay_minutes * (1 + 0.3 * random()) * interval '1 minute',
             cfg.t0 - interval '3 hours' - (i.a - g.attempt) * interval '10 minutes') AS created_at,
       false AS auto_contact
FROM bench_stage.i i
JOIN bench_stage.cp cp ON cp.user_no = i.user_no AND cp.camp_no = i.camp_no
CROSS JOIN bench_stage.cfg
CROSS JOIN LATERAL generate_series(1, i.a) g(attempt)
WHERE i.kind = 'called';

INSERT INTO bench_stage.x0
WITH need AS (
  SELECT u.user_no, u.n_agents, u.n_imported, u.n_auto,
         u.n_calls - coalesce((SELECT sum(cp.pc_eff) FROM bench_stage.cp cp WHERE cp.user_no = u.user_no), 0) AS n_oneoff
  FROM bench_stage.u u
), g AS (
  SELECT n.user_no, n.n_agents, n.n_imported, n.n_auto, g.n,
         random() AS r_kind, random() AS r_contact, random() AS r_out, random() AS r_fail,
         random() AS r_day, random() AS r_hour, random() AS r_agent
  FROM need n CROSS JOIN LATERAL generate_series(1, n.n_oneoff::int) g(n)
), k AS (
  SELECT g.*,
         -- the first n_auto one-off calls of a user are inbound calls from new callers, each the
         -- origin of one auto-created contact; about 4 percent more are inbound calls from contacts
         CASE WHEN g.n <= g.n_auto OR g.r_kind < 0.04 THEN 'inbound' ELSE 'adhoc' END AS kind,
         CASE WHEN g.n <= g.n_auto THEN g.n_imported + g.n::int
              WHEN g.n_imported = 0 THEN NULL
              WHEN g.r_kind < 0.04 OR g.r_contact < 0.65 THEN 1 + floor(g.r_contact * g.n_imported)::int
         END AS cno,
         cfg.ws + make_interval(days => floor(g.r_day * cfg.days)::int)
           + CASE WHEN g.r_hour < 0.8 THEN interval '13 hours' + g.r_hour / 0.8 * interval '10 hours'
                  ELSE (g.r_hour - 0.8) / 0.2 * interval '24 hours' END AS ts
  FROM g CROSS JOIN bench_stage.cfg
)
SELECT k.user_no, k.kind, NULL::uuid, 1 + floor(k.n_agents * power(k.r_agent, 2))::int, 1, true,
       c.id,
       CASE WHEN k.cno IS NOT NULL THEN c.phone
            ELSE '+1' || (ARRAY['212','312','415','617','713','305','206','404','512','602'])[1 + floor(k.r_contact * 10)::int]
              || (2 + floor(random() * 8)::int)::text || (ARRAY['0','2','3','4','6','7','8','9'])[1 + floor(random() * 8)::int]
              || floor(random() * 10)::int::text || lpad(floor(random() * 10000)::int::text, 4, '0')
       END,
       CASE WHEN k.cno IS NOT NULL AND NOT c.auto THEN c.first_name END,
       CASE WHEN k.kind = 'inbound' THEN
              CASE WHEN k.r_out < 0.88 THEN 'answered' WHEN k.r_out < 0.94 THEN 'canceled' WHEN k.r_out < 0.98 THEN 'no-answer' ELSE 'unknown' END
            WHEN k.r_out < 0.62 THEN 'answered'
            WHEN k.r_out < 0.70 THEN 'voicemail'
            WHEN k.r_out < 0.72 THEN 'unknown'
            WHEN k.r_fail < 0.55 THEN 'no-answer' WHEN k.r_fail < 0.80 THEN 'busy'
            WHEN k.r_fail < 0.92 THEN 'failed' ELSE 'canceled' END,
       CASE WHEN k.ts > cfg.t0 - interval '2 minutes' THEN k.ts - interval '1 day' ELSE k.ts END,
       k.n <= k.n_auto
FROM k CROSS JOIN bench_stage.cfg
LEFT JOIN bench_stage.c c ON c.user_no = k.user_no AND c.cno = k.cno;

-- Every call with its times, outcome, scenario and the ids other tables point at.
CREATE UNLOGGED TABLE bench_stage.x AS
WITH base AS (
  SELECT x0.*,
         CASE WHEN x0.outcome = 'unknown' THEN least(x0.created_at, cfg.t0 - interval '2 hours 15 minutes')
              ELSE x0.created_at END AS placed_at,
         random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r_scn
  FROM bench_stage.x0 CROSS JOIN bench_stage.cfg
), scn AS (
  SELECT b.*, s.scn, s.var, s.dmin, s.dmax
  FROM base b LEFT JOIN bench_stage.scn_slot s
    ON s.slot = CASE WHEN b.outcome = 'answered' THEN floor(b.r_scn * 1000)::int END
), timed AS (
  SELECT s.*,
         CASE WHEN s.outcome = 'failed' THEN NULL
              ELSE s.placed_at + (1 + floor(s.r1 * 3)) * interval '1 second' END AS ringing_at,
         CASE WHEN s.outcome = 'answered' THEN s.dmin + floor(s.r2 * (s.dmax - s.dmin))::int
              WHEN s.outcome = 'voicemail' THEN 15 + floor(s.r2 * 30)::int
              ELSE 0 END AS talk_seconds
  FROM scn s
), timed2 AS (
  SELECT t.*,
         CASE WHEN t.outcome IN ('answered', 'voicemail')
                OR (t.outcome = 'unknown' AND t.r3 < 0.5)
              THEN t.ringing_at + (3 + floor(t.r3 * 18)) * interval '1 second' END AS answered_at
  FROM timed t
), timed3 AS (
  SELECT t.*,
         CASE t.outcome
           WHEN 'answered' THEN t.answered_at + t.talk_seconds * interval '1 second'
           WHEN 'voicemail' THEN t.answered_at + t.talk_seconds * interval '1 second'
           WHEN 'no-answer' THEN t.ringing_at + (25 + floor(t.r4 * 20)) * interval '1 second'
           WHEN 'busy' THEN t.ringing_at + (2 + floor(t.r4 * 6)) * interval '1 second'
           WHEN 'canceled' THEN t.ringing_at + (5 + floor(t.r4 * 15)) * interval '1 second'
           WHEN 'failed' THEN t.placed_at + (1 + floor(t.r4 * 3)) * interval '1 second'
           ELSE NULL END AS disconnected_at0
  FROM timed2 t
)
SELECT gen_random_uuid() AS id, t.user_no, u.id AS user_id, a.id AS agent_id, a.bolna_agent_id, a.persona,
       t.kind, t.item_id, t.attempt, t.is_last, t.contact_id, t.phone, t.contact_first, t.auto_contact,
       t.outcome,
       CASE t.outcome WHEN 'answered' THEN 'completed' WHEN 'unknown' THEN 'unknown' ELSE 'failed' END AS status,
       CASE t.outcome WHEN 'answered' THEN 'completed' WHEN 'voicemail' THEN 'completed' ELSE t.outcome END AS lifecycle,
       CASE WHEN t.outcome = 'answered' THEN t.talk_seconds ELSE 0 END AS duration_seconds,
       t.talk_seconds, t.scn, t.var,
       gen_random_uuid() AS execution_id,
       CASE WHEN t.kind = 'campaign' THEN 'call-' || t.item_id
            WHEN t.kind = 'adhoc' THEN 'call-adhoc-' || gen_random_uuid() END AS workflow_id,
       t.placed_at AS created_at, t.ringing_at, t.answered_at,
       CASE WHEN t.outcome = 'unknown' THEN t.placed_at + interval '2 hours' + (60 + floor(t.r4 * 240)) * interval '1 second'
            ELSE t.disconnected_at0 END AS disconnected_at,
       CASE WHEN t.outcome = 'unknown' THEN t.placed_at + interval '2 hours' + (60 + floor(t.r4 * 240)) * interval '1 second'
            WHEN t.outcome = 'answered' THEN t.disconnected_at0 + (2 + floor(t.r1 * 10)) * interval '1 second'
            ELSE t.disconnected_at0 + (1 + floor(t.r1 * 3)) * interval '1 second' END AS completed_at,
       CASE WHEN t.outcome = 'answered' THEN gen_random_uuid() END AS transcript_id,
       t.r1, t.r2, t.r3
FROM timed3 t
JOIN bench_stage.u u ON u.user_no = t.user_no
JOIN bench_stage.a a ON a.user_no = t.user_no AND a.agent_no = t.agent_no;
DROP TABLE bench_stage.x0;
ANALYZE bench_stage.x;

SELECT CASE WHEN (SELECT count(*) FROM bench_stage.x) <> (SELECT calls FROM bench_stage.cfg)
              OR (SELECT count(*) FROM bench_stage.x WHERE user_no = 1) <> (SELECT heavy_calls FROM bench_stage.cfg)
              OR EXISTS (SELECT 1 FROM bench_stage.x WHERE outcome = 'answered' AND scn IS NULL)
            THEN CAST((SELECT 'planned calls do not add up') AS int) END AS calls_check;

-- The last call of every called item, and what it leaves on the item.
CREATE UNLOGGED TABLE bench_stage.last_call AS
SELECT x.item_id, x.id AS call_id, x.created_at, x.completed_at, x.outcome, x.lifecycle
FROM bench_stage.x x WHERE x.kind = 'campaign' AND x.is_last;
ALTER TABLE bench_stage.last_call ADD PRIMARY KEY (item_id);

-- Contacts who asked not to be called again (a do-not-call lead), and when.
CREATE UNLOGGED TABLE bench_stage.dnc AS
SELECT DISTINCT ON (x.contact_id) x.contact_id, x.user_id, x.phone, x.id AS call_id,
       x.completed_at + interval '5 seconds' AS at
FROM bench_stage.x x JOIN bench_stage.scn s ON s.scn = x.scn AND s.var = x.var
WHERE x.outcome = 'answered' AND x.contact_id IS NOT NULL AND NOT x.auto_contact
  AND (s.cta ->> 'do_not_call')::boolean
ORDER BY x.contact_id, x.completed_at;
ALTER TABLE bench_stage.dnc ADD PRIMARY KEY (contact_id);

-- ------------------------------------------------------------------ ledger (plan)
-- Welcome credits, usage debits (one per answered call), purchases of the user's pack size placed
-- just before the balance would go below zero, a last top-up, a few goodwill adjustments and
-- refunds. balance_after is the running sum, so it is never negative and users.credits is the sum.
CREATE UNLOGGED TABLE bench_stage.usage AS
SELECT x.user_no, x.user_id, x.id AS call_id, x.execution_id,
       ceil(x.duration_seconds / 60.0)::int AS minutes,
       x.completed_at + (1 + floor(x.r2 * 3)) * interval '1 second' AS billed_at
FROM bench_stage.x x WHERE x.outcome = 'answered' AND x.duration_seconds > 0;

CREATE UNLOGGED TABLE bench_stage.pack AS
SELECT u.user_no, u.id AS user_id, u.created_at AS user_created_at, coalesce(t.total, 0) AS total_usage,
       (SELECT min(p) FROM unnest(ARRAY[100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000]) p
        WHERE p >= coalesce(t.total, 0) / 15.0
           OR p = 50000) AS pack
FROM bench_stage.u u
LEFT JOIN (SELECT user_no, sum(minutes) AS total FROM bench_stage.usage GROUP BY user_no) t USING (user_no);

CREATE UNLOGGED TABLE bench_stage.ledger AS
WITH cum AS (
  SELECT s.*, p.pack,
         sum(s.minutes) OVER (PARTITION BY s.user_no ORDER BY s.billed_at, s.call_id) AS cum
  FROM bench_stage.usage s JOIN bench_stage.pack p USING (user_no)
), crossing AS (
  SELECT c.*,
         CASE WHEN c.cum - c.minutes > 15 THEN ceil((c.cum - c.minutes - 15)::numeric / c.pack)::int ELSE 0 END AS n_before,
         CASE WHEN c.cum > 15 THEN ceil((c.cum - 15)::numeric / c.pack)::int ELSE 0 END AS n_after
  FROM cum c
), topup AS (
  SELECT p.*, random() AS r1, random() AS r2, random() AS r3,
         'pi_' || substr(md5(gen_random_uuid()::text), 1, 24) AS payment_id
  FROM bench_stage.pack p
), rows AS (
  SELECT user_id, 0 AS ord, 'bonus' AS type, 15 AS amount, 'Welcome credits' AS description,
         NULL::text AS stripe_payment_id, NULL::uuid AS call_id, 'welcome:' || user_id AS idempotency_key,
         user_created_at + interval '1 second' AS created_at
  FROM bench_stage.pack
  UNION ALL
  SELECT c.user_id, 1, 'purchase', c.pack, 'Bought ' || c.pack || ' credits', pid, NULL, 'stripe-purchase:' || pid,
         c.billed_at - interval '2 seconds' - g.n * interval '1 millisecond'
  FROM crossing c
  CROSS JOIN LATERAL generate_series(c.n_before + 1, c.n_after) g(n)
  CROSS JOIN LATERAL (SELECT 'pi_' || substr(md5(c.call_id::text || g.n), 1, 24) AS pid) p
  UNION ALL
  SELECT s.user_id, 3, 'usage', -s.minutes, 'Call ' || s.execution_id || ' (' || s.minutes || ' min)', NULL, s.call_id,
         'call-usage:' || s.call_id, s.billed_at
  FROM bench_stage.usage s
  UNION ALL
  -- the latest top-up, inside the last month
  SELECT t.user_id, 1, 'purchase', least(t.pack, 1000), 'Bought ' || least(t.pack, 1000) || ' credits', t.payment_id, NULL,
         'stripe-purchase:' || t.payment_id,
         cfg.t0 - (1 + floor(t.r1 * least(30, cfg.days - 1))) * interval '1 day' + t.r2 * interval '10 hours'
  FROM topup t CROSS JOIN bench_stage.cfg
  WHERE t.total_usage > 0 OR t.r3 < 0.3
  UNION ALL
  SELECT t.user_id, 4, 'refund', -(least(t.pack, 1000) / 2), 'Refund of payment ' || t.payment_id, t.payment_id, NULL,
         'stripe-refund:' || t.payment_id || ':' || (least(t.pack, 1000) / 2) * 10,
         cfg.t0 - (1 + floor(t.r1 * least(30, cfg.days - 1))) * interval '1 day' + t.r2 * interval '10 hours' + interval '3 hours'
  FROM topup t CROSS JOIN bench_stage.cfg
  WHERE t.total_usage > 0 AND t.r3 > 0.985
  UNION ALL
  SELECT t.user_id, 2, 'admin_adjustment', 50, 'Goodwill credit for dropped calls', NULL, NULL, NULL,
         cfg.ws + t.r2 * (cfg.t0 - cfg.ws)
  FROM topup t CROSS JOIN bench_stage.cfg
  WHERE t.r3 BETWEEN 0.5 AND 0.53
)
SELECT r.*, sum(r.amount) OVER (PARTITION BY r.user_id ORDER BY r.created_at, r.ord, r.idempotency_key
                                ROWS UNBOUNDED PRECEDING) AS balance_after
FROM rows r;

-- ------------------------------------------------------------------ load: users, agents, contacts
INSERT INTO users (id, email, name, password_hash, credits, is_active, role, auth_provider, email_verified,
                   email_verification_sent_at, company, website, location, bio, phone, concurrent_calls_limit,
                   system_concurrent_calls_limit, created_at, updated_at)
SELECT u.id,
       CASE WHEN u.user_no = 1 THEN 'heavy@bench.outdial.dev'
            ELSE lower(u.first_name || '.' || u.last_name) || '.' || lpad(u.user_no::text, 5, '0') || '@bench.outdial.dev' END,
       CASE WHEN u.user_no = 1 THEN 'Heavy Bench User' ELSE u.first_name || ' ' || u.last_name END,
       cfg.password_hash,
       coalesce(l.credits, 0), NOT u.inactive, 'user', 'email', u.r3 < 0.9, u.created_at,
       u.company_prefix || ' ' || ind.sector,
       'https://www.' || lower(u.company_prefix || ind.sector) || '.example',
       (ARRAY['New York, NY','Chicago, IL','Austin, TX','San Francisco, CA','Seattle, WA','Boston, MA',
              'Denver, CO','Miami, FL','Atlanta, GA','London, UK'])[1 + floor(u.r4 * 10)::int],
       CASE WHEN u.r5 < 0.2 THEN 'We help customers ' || ind.pitch || '.' END,
       u.phone,
       u.concurrent_calls_limit, 10, u.created_at,
       greatest(u.created_at, coalesce(l.last_at, u.created_at))
FROM bench_stage.u u CROSS JOIN bench_stage.cfg
JOIN bench_stage.ind ind ON ind.industry = u.industry
LEFT JOIN (SELECT user_id, sum(amount) AS credits, max(created_at) AS last_at FROM bench_stage.ledger GROUP BY user_id) l
  ON l.user_id = u.id
ORDER BY u.user_no;

INSERT INTO agents (id, user_id, bolna_agent_id, name, description, agent_type, is_active, bolna_webhook_url,
                    bolna_voice_config, bolna_llm_config, bolna_task_config, welcome_message, prompt,
                    created_at, updated_at)
SELECT a.id, u.id, a.bolna_agent_id, a.persona || ' - ' || a.purpose,
       a.purpose || ' agent for ' || u.company_prefix || ' ' || ind.sector || ': ' || ind.next_action || '.',
       'call', a.is_active, 'http://localhost:8080/webhooks/bolna',
       jsonb_build_object('provider', 'elevenlabs', 'voice', a.persona, 'language', 'en-US'),
       jsonb_build_object('provider', 'openai', 'model', 'gpt-4o-mini', 'temperature', 0.3),
       jsonb_build_object('hangup_after_silence', 10, 'call_terminate', 600),
       'Hi, this is ' || a.persona || ' from ' || u.company_prefix || ' ' || ind.sector || '.',
       'You are ' || a.persona || ', a friendly ' || lower(a.purpose) || ' agent for ' || u.company_prefix || ' '
         || ind.sector || '. We help people ' || ind.pitch || '. Keep answers short, confirm the callee''s name, '
         || 'and aim to: ' || lower(ind.next_action) || '. Never pressure anyone, and offer to stop calling when asked.',
       a.created_at, a.created_at
FROM bench_stage.a a
JOIN bench_stage.u u ON u.user_no = a.user_no
JOIN bench_stage.ind ind ON ind.industry = u.industry
ORDER BY a.created_at;

-- not_connected counts the contact's calls that ended failed (voicemail included, unknown not),
-- as CallFinalizer does; do_not_call follows a lead that asked for it.
INSERT INTO contacts (id, user_id, name, phone_number, email, company, notes, is_customer, is_auto_created,
                      auto_created_from_call_id, auto_creation_source, not_connected, created_at, updated_at,
                      user_data, do_not_call)
SELECT c.id, u.id, c.first_name || ' ' || c.last_name, c.phone,
       CASE WHEN c.has_email THEN lower(c.first_name) || '.' || lower(c.last_name) || (c.cno % 100)::text || '@'
            || (ARRAY['gmail.com','outlook.com','yahoo.com','icloud.com','example.com','proton.me'])[1 + (c.cno % 6)] END,
       c.company, c.notes, c.is_customer, false, NULL, NULL,
       coalesce(nc.n, 0), c.created_at,
       greatest(c.created_at, coalesce(greatest(nc.last_at, d.at), c.created_at)),
       c.user_data, d.contact_id IS NOT NULL
FROM bench_stage.c c
JOIN bench_stage.u u ON u.user_no = c.user_no
LEFT JOIN (SELECT contact_id, count(*) AS n, max(completed_at) AS last_at FROM bench_stage.x
           WHERE status = 'failed' AND contact_id IS NOT NULL GROUP BY contact_id) nc ON nc.contact_id = c.id
LEFT JOIN bench_stage.dnc d ON d.contact_id = c.id
WHERE NOT c.auto
ORDER BY c.created_at;

-- ------------------------------------------------------------------ load: campaigns
INSERT INTO call_campaigns (id, user_id, name, description, agent_id, next_action, first_call_time, last_call_time,
                            start_date, end_date, status, total_contacts, completed_calls, successful_calls,
                            failed_calls, created_at, updated_at, started_at, completed_at, max_attempts,
                            retry_delay_minutes, timezone, paused_reason, retry_on_voicemail)
SELECT cp.id, cp.user_id,
       (ARRAY['Spring','Summer','Autumn','Winter','Q1','Q2','Q3','Q4','New year','Holiday'])[1 + (cp.camp_no % 10)]
         || ' ' || lower(ind.sector) || ' '
         || (ARRAY['outreach','follow-up','reactivation','renewals','webinar invites','lead qualification'])[1 + (cp.camp_no % 6)]
         || ' #' || cp.camp_no,
       CASE WHEN cp.r7 < 0.6 THEN 'Calls ' || (ARRAY['new leads','past customers','webinar sign-ups','trial users','inbound enquiries'])[1 + floor(cp.r8 * 5)::int]
                                  || ' to ' || lower(ind.next_action) || '.' END,
       a.id, ind.next_action, cp.first_call_time, cp.last_call_time, cp.start_date, cp.end_date, cp.status,
       coalesce(it.total_contacts, 0), coalesce(it.completed, 0) + coalesce(it.failed, 0), coalesce(it.completed, 0),
       coalesce(it.failed, 0),
       t.created_at,
       CASE cp.status WHEN 'completed' THEN t.finished_at WHEN 'cancelled' THEN t.finished_at
                      WHEN 'paused' THEN t.finished_at WHEN 'active' THEN coalesce(it.last_done, t.started_at)
                      ELSE t.created_at END,
       t.started_at,
       CASE WHEN cp.status IN ('completed', 'cancelled') THEN t.finished_at END,
       cp.max_attempts, cp.retry_delay_minutes, cp.timezone,
       CASE WHEN cp.status = 'paused' THEN 'paused by its owner' END,
       cp.retry_on_voicemail
FROM bench_stage.cp cp
JOIN bench_stage.u u ON u.user_no = cp.user_no
JOIN bench_stage.ind ind ON ind.industry = u.industry
JOIN bench_stage.a a ON a.user_no = cp.user_no AND a.agent_no = cp.agent_no
CROSS JOIN bench_stage.cfg
LEFT JOIN (
  SELECT i.user_no, i.camp_no,
         count(*) FILTER (WHERE i.kind <> 'skipped_draft') AS total_contacts,
         count(*) FILTER (WHERE i.status = 'completed') AS completed,
         count(*) FILTER (WHERE i.status = 'failed') AS failed,
         min(i.t1) AS first_call, max(lc.completed_at) AS last_done
  FROM bench_stage.i i LEFT JOIN bench_stage.last_call lc ON lc.item_id = i.id
  GROUP BY i.user_no, i.camp_no
) it ON it.user_no = cp.user_no AND it.camp_no = cp.camp_no
CROSS JOIN LATERAL (
  SELECT s.started_at,
         least(s.started_at - (1 + cp.r8 * 70) * interval '1 hour',
               cfg.t0 - (1 + cp.r8 * 9) * interval '1 day') AS created_at,
         CASE cp.status
           WHEN 'completed' THEN coalesce(it.last_done, s.started_at) + (1 + floor(cp.r7 * 60)) * interval '1 second'
           WHEN 'cancelled' THEN least(cfg.t0 - interval '1 hour', coalesce(it.last_done, s.started_at) + (1 + cp.r7 * 20) * interval '1 hour')
           WHEN 'paused' THEN least(cfg.t0 - interval '1 hour', coalesce(it.last_done, s.started_at) + (1 + cp.r7 * 10) * interval '1 hour')
         END AS finished_at
  FROM (SELECT CASE WHEN cp.callable THEN coalesce(it.first_call, (cp.start_date + cp.first_call_time) AT TIME ZONE cp.timezone)
                                          - (1 + floor(cp.r7 * 90)) * interval '1 minute' END AS started_at) s
) t0x
CROSS JOIN LATERAL (
  SELECT t0x.started_at,
         CASE WHEN cp.callable THEN t0x.created_at
              WHEN cp.status = 'draft' THEN cfg.t0 - (1 + cp.r8 * 10) * interval '1 day'
              ELSE cfg.t0 - (1 + cp.r8 * 5) * interval '1 day' END AS created_at,
         t0x.finished_at
) t
ORDER BY t.created_at;

-- ------------------------------------------------------------------ load: calls, transcripts, callers' contacts
-- One statement: calls point at transcripts and inbound calls at the contacts they create, which
-- point back, so with foreign keys checked the three go in together.
WITH ins_transcripts AS (
  INSERT INTO transcripts (id, call_id, content, speaker_segments, created_at)
  SELECT x.transcript_id, x.id,
         replace(replace(replace(replace(s.content, '{A}', x.persona), '{C}', u.company_prefix || ' ' || ind.sector),
                 '{N}', coalesce(x.contact_first, 'there')), '{P}', ind.pitch),
         replace(replace(replace(replace(s.segments, '{A}', x.persona), '{C}', u.company_prefix || ' ' || ind.sector),
                 '{N}', coalesce(x.contact_first, 'there')), '{P}', ind.pitch)::jsonb,
         x.completed_at
  FROM bench_stage.x x
  JOIN bench_stage.scn s ON s.scn = x.scn AND s.var = x.var
  JOIN bench_stage.u u ON u.user_no = x.user_no
  JOIN bench_stage.ind ind ON ind.industry = u.industry
  WHERE x.outcome = 'answered'
), ins_callers AS (
  INSERT INTO contacts (id, user_id, name, phone_number, is_auto_created, auto_created_from_call_id,
                        auto_creation_source, not_connected, created_at, updated_at)
  SELECT x.contact_id, x.user_id, 'Caller ' || x.phone, x.phone, true, x.id, 'webhook',
         CASE WHEN x.status = 'failed' THEN 1 ELSE 0 END, x.created_at, x.completed_at
  FROM bench_stage.x x WHERE x.auto_contact
)
INSERT INTO calls (id, agent_id, user_id, contact_id, campaign_id, bolna_execution_id, phone_number, call_source, caller_name,
                   caller_email, lead_type, duration_seconds, duration_minutes, credits_used, status, recording_url,
                   transcript_id, metadata, bolna_call_config, bolna_voice_settings, bolna_metadata,
                   call_lifecycle_status, hangup_by, hangup_reason, hangup_provider_code, created_at, updated_at,
                   completed_at, ringing_started_at, call_answered_at, call_disconnected_at)
SELECT x.id, x.agent_id, x.user_id, x.contact_id, qi.campaign_id, x.execution_id::text, x.phone, 'phone',
       NULL, NULL,
       CASE WHEN x.kind = 'inbound' THEN 'inbound' ELSE 'outbound' END,
       x.duration_seconds, ceil(x.duration_seconds / 60.0)::int, ceil(x.duration_seconds / 60.0)::int,
       x.status,
       CASE WHEN x.outcome = 'answered' THEN 'https://recordings.bolna.example/' || x.execution_id || '.mp3' END,
       x.transcript_id,
       -- JSON built as text and parsed once: several times cheaper than jsonb_build_object
       ('{' || CASE WHEN x.kind = 'inbound' THEN ''
                    ELSE '"attempt_key": "' || x.workflow_id || ':' || x.attempt || '", "workflow_id": "' || x.workflow_id || '"' END
            || CASE WHEN x.outcome = 'voicemail' THEN CASE WHEN x.kind = 'inbound' THEN '' ELSE ', ' END || '"outcome": "voicemail"'
                    WHEN x.outcome = 'unknown' THEN CASE WHEN x.kind = 'inbound' THEN '' ELSE ', ' END
                         || '"failure_reason": "no final status from Bolna within the maximum call length of PT2H"'
                    ELSE '' END
            || '}')::jsonb,
       '{}'::jsonb, '{}'::jsonb,
       -- Bolna's final execution payload as the finalizer stores it (the transcript is left out)
       CASE WHEN x.outcome = 'unknown' THEN '{}'::jsonb ELSE
         ('{"id": "' || x.execution_id || '", "agent_id": "' || x.bolna_agent_id || '", "status": "' || x.lifecycle
          || '", "conversation_duration": ' || x.talk_seconds || ', "total_cost": ' || round(x.talk_seconds * 0.2)
          || ', "answered_by_voice_mail": ' || (x.outcome = 'voicemail')
          || ', "created_at": "' || to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '", "user_number": "' || x.phone
          || '", "extracted_data": ' || CASE WHEN x.outcome = 'answered' THEN s.extracted::text ELSE 'null' END
          || ', "telephony_data": {"duration": "' || x.talk_seconds || '", "to_number": "' || x.phone
          || '", "from_number": "' || u.phone || '", "call_type": "'
          || CASE WHEN x.kind = 'inbound' THEN 'inbound' ELSE 'outbound' END || '", "provider": "plivo", "recording_url": '
          || CASE WHEN x.outcome = 'answered' THEN '"https://recordings.bolna.example/' || x.execution_id || '.mp3"' ELSE 'null' END
          || ', "hangup_by": "' || CASE x.outcome WHEN 'answered' THEN CASE WHEN x.r3 < 0.7 THEN 'Callee' ELSE 'Agent' END
                                   WHEN 'voicemail' THEN 'Agent' WHEN 'busy' THEN 'Callee' WHEN 'failed' THEN 'Error'
                                   ELSE 'Carrier' END
          || '", "hangup_reason": "' || CASE x.outcome WHEN 'answered' THEN CASE WHEN x.r3 < 0.7 THEN 'Call recipient hungup' ELSE 'Agent hungup' END
                                       WHEN 'voicemail' THEN 'voicemail' WHEN 'busy' THEN 'Call recipient was busy'
                                       WHEN 'failed' THEN 'Call failed' WHEN 'canceled' THEN 'Call canceled'
                                       ELSE 'Call unanswered' END
          || '"}}')::jsonb
       END,
       x.lifecycle,
       CASE x.outcome WHEN 'answered' THEN CASE WHEN x.r3 < 0.7 THEN 'Callee' ELSE 'Agent' END
                      WHEN 'voicemail' THEN 'Agent' WHEN 'busy' THEN 'Callee' WHEN 'failed' THEN 'Error'
                      WHEN 'unknown' THEN NULL ELSE 'Carrier' END,
       CASE x.outcome WHEN 'answered' THEN CASE WHEN x.r3 < 0.7 THEN 'Call recipient hungup' ELSE 'Agent hungup' END
                      WHEN 'voicemail' THEN 'voicemail' WHEN 'busy' THEN 'Call recipient was busy'
                      WHEN 'failed' THEN 'Call failed' WHEN 'canceled' THEN 'Call canceled'
                      WHEN 'unknown' THEN 'no final status from Bolna within the maximum call length of PT2H'
                      ELSE 'Call unanswered' END,
       CASE x.outcome WHEN 'answered' THEN 4000 WHEN 'voicemail' THEN NULL WHEN 'unknown' THEN NULL ELSE 3010 END,
       x.created_at,
       CASE WHEN x.outcome = 'answered' THEN x.completed_at + (1 + floor(x.r2 * 3)) * interval '1 second'
            ELSE x.completed_at END,
       x.completed_at, x.ringing_at, x.answered_at, x.disconnected_at
FROM bench_stage.x x
JOIN bench_stage.u u ON u.user_no = x.user_no
LEFT JOIN bench_stage.scn s ON s.scn = x.scn AND s.var = x.var
LEFT JOIN bench_stage.i qi ON qi.id = x.item_id
ORDER BY x.created_at;

-- ------------------------------------------------------------------ load: call queue
INSERT INTO call_queue (id, user_id, campaign_id, agent_id, contact_id, phone_number, contact_name, user_data,
                        status, priority, position, scheduled_for, started_at, completed_at, call_id,
                        failure_reason, last_system_allocation_at, created_at, updated_at, attempts, timezone)
SELECT i.id, cp.user_id, cp.id, a.id, i.contact_id, i.phone, i.contact_name,
       i.user_data || jsonb_build_object('name', i.contact_name, 'next_action', ind.next_action),
       CASE WHEN i.status = 'queued' AND d.contact_id IS NOT NULL THEN 'skipped' ELSE i.status END,
       0, i.position,
       CASE
         WHEN i.kind = 'called' AND i.status = 'queued' AND cp.status = 'active'
           THEN ((cfg.t0_date + 1 + floor(cp.r7 * 2)::int) + cp.first_call_time) AT TIME ZONE i.tz
         WHEN i.kind = 'called' AND i.a > 1
           THEN lc.created_at - (1 + floor(cp.r8 * 5)) * interval '1 second'
         WHEN i.kind = 'called' THEN i.t1
         WHEN cp.status = 'active' THEN ((cfg.t0_date + 1 + floor(cp.r7 * 2)::int) + cp.first_call_time) AT TIME ZONE i.tz
         WHEN cp.status = 'paused' THEN ((cp.last_day + 1) + cp.first_call_time) AT TIME ZONE i.tz
         WHEN cp.callable THEN ((cp.last_day + 1) + cp.first_call_time) AT TIME ZONE i.tz
         ELSE (greatest(cp.start_date, cfg.t0_date) + cp.first_call_time) AT TIME ZONE i.tz
       END,
       CASE WHEN i.kind = 'called' THEN lc.created_at - interval '1 second' END,
       CASE WHEN i.status IN ('completed', 'failed') THEN lc.completed_at
            WHEN i.status = 'queued' AND d.contact_id IS NOT NULL THEN d.at
            WHEN i.status = 'skipped' AND i.kind = 'called' THEN lc.completed_at + interval '1 day'
            WHEN i.status = 'skipped' THEN NULL
            WHEN i.status = 'cancelled' THEN coalesce(cc.completed_at, cfg.t0 - interval '1 hour')
       END,
       lc.call_id,
       CASE WHEN i.status = 'queued' AND d.contact_id IS NOT NULL
              THEN 'the number is on the account''s do-not-call list (asked not to be called again on call ' || d.call_id || ')'
            WHEN i.status = 'completed' THEN NULL
            WHEN i.status = 'failed' AND lc.outcome = 'unknown' THEN 'no final status from Bolna within the maximum call length of PT2H'
            WHEN i.status = 'failed' THEN lc.lifecycle
            WHEN i.kind = 'skipped_draft' THEN CASE WHEN cp.r8 < 0.5 THEN 'the contact asked not to be called'
                                                    ELSE 'the campaign has no calling window left for this recipient' END
            WHEN i.status = 'skipped' THEN 'the campaign ended before this recipient could be called'
            WHEN i.status = 'cancelled' THEN 'the campaign was cancelled'
            WHEN i.kind = 'called' THEN lc.lifecycle
       END,
       CASE WHEN i.kind = 'called' THEN lc.created_at - interval '1 second' END,
       cc.created_at,
       coalesce(d.at, lc.completed_at, cc.updated_at),
       i.a, i.tz
FROM bench_stage.i i
JOIN bench_stage.cp cp ON cp.user_no = i.user_no AND cp.camp_no = i.camp_no
JOIN bench_stage.a a ON a.user_no = cp.user_no AND a.agent_no = cp.agent_no
JOIN bench_stage.u u ON u.user_no = i.user_no
JOIN bench_stage.ind ind ON ind.industry = u.industry
JOIN call_campaigns cc ON cc.id = cp.id
CROSS JOIN bench_stage.cfg
LEFT JOIN bench_stage.last_call lc ON lc.item_id = i.id
LEFT JOIN bench_stage.dnc d ON d.contact_id = i.contact_id AND i.status = 'queued'
ORDER BY cc.created_at, i.position;

-- ------------------------------------------------------------------ load: leads, do-not-call list
INSERT INTO lead_analytics (call_id, user_id, intent_level, intent_score, urgency_level, urgency_score, budget_constraint,
                            budget_score, fit_alignment, fit_score, engagement_health, engagement_score, total_score,
                            lead_status_tag, reasoning, cta_interactions, is_read, created_at)
SELECT x.id, x.user_id,
       CASE WHEN s.intent >= 70 THEN 'high' WHEN s.intent >= 40 THEN 'medium' ELSE 'low' END, s.intent,
       CASE WHEN s.urgency >= 70 THEN 'high' WHEN s.urgency >= 40 THEN 'medium' ELSE 'low' END, s.urgency,
       CASE WHEN s.budget >= 70 THEN 'high' WHEN s.budget >= 40 THEN 'medium' ELSE 'low' END, s.budget,
       CASE WHEN s.fit >= 70 THEN 'high' WHEN s.fit >= 40 THEN 'medium' ELSE 'low' END, s.fit,
       CASE WHEN s.engagement >= 70 THEN 'high' WHEN s.engagement >= 40 THEN 'medium' ELSE 'low' END, s.engagement,
       s.total,
       CASE WHEN s.total >= 70 THEN 'Hot' WHEN s.total >= 40 THEN 'Warm' ELSE 'Cold' END,
       s.reasoning, s.cta,
       x.r1 < CASE WHEN x.completed_at < cfg.t0 - interval '7 days' THEN 0.7 ELSE 0.25 END,
       x.completed_at + (4 + floor(x.r3 * 5)) * interval '1 second'
FROM bench_stage.x x
JOIN bench_stage.scn s ON s.scn = x.scn AND s.var = x.var
CROSS JOIN bench_stage.cfg
WHERE x.outcome = 'answered'
ORDER BY x.completed_at;

INSERT INTO do_not_call_numbers (user_id, phone_number, reason, source, created_by, created_at)
SELECT d.user_id, d.phone, 'asked not to be called again on call ' || d.call_id, 'callee', NULL, d.at
FROM (SELECT DISTINCT ON (user_id, phone) * FROM bench_stage.dnc ORDER BY user_id, phone, at) d
ORDER BY d.at;

-- ------------------------------------------------------------------ load: credit ledger
INSERT INTO credit_transactions (user_id, type, amount, balance_after, description, stripe_payment_id, call_id,
                                 created_by, created_at, idempotency_key)
SELECT l.user_id, l.type, l.amount, l.balance_after, l.description, l.stripe_payment_id, l.call_id, NULL,
       l.created_at, l.idempotency_key
FROM bench_stage.ledger l
ORDER BY l.created_at;

-- ------------------------------------------------------------------ agent analytics
-- AgentAnalytics' own aggregate (DAY_TOTALS) over every day at once.
INSERT INTO agent_analytics (agent_id, user_id, metric_date, total_calls, successful_calls, failed_calls,
                             avg_duration_seconds, total_credits_used, avg_total_score, cta_interactions_total,
                             cta_interactions_positive, cta_interactions_negative, created_at, updated_at)
SELECT c.agent_id, c.user_id, (c.created_at AT TIME ZONE 'UTC')::date AS metric_date,
       count(*)::int,
       count(*) FILTER (WHERE c.status = 'completed')::int,
       count(*) FILTER (WHERE c.status <> 'completed')::int,
       COALESCE(ROUND(avg(c.duration_seconds) FILTER (WHERE c.status = 'completed'), 2), 0),
       COALESCE(sum(c.credits_used), 0)::int,
       ROUND(avg(l.total_score), 2),
       COALESCE(sum(cta.total), 0)::int,
       COALESCE(sum(cta.positive), 0)::int,
       COALESCE(sum(cta.negative), 0)::int,
       min(c.completed_at), max(greatest(c.updated_at, l.created_at))
FROM calls c
LEFT JOIN lead_analytics l ON l.call_id = c.id
LEFT JOIN LATERAL (
  SELECT count(*) AS total,
         count(*) FILTER (WHERE e.key IN ('demo_booked', 'pricing_asked', 'callback_requested')) AS positive,
         count(*) FILTER (WHERE e.key IN ('not_interested', 'do_not_call')) AS negative
  FROM jsonb_each(COALESCE(l.cta_interactions, '{}'::jsonb)) e
  WHERE e.value = 'true'::jsonb
) cta ON true
WHERE c.status <> 'in_progress' AND c.agent_id IS NOT NULL
GROUP BY 1, 2, 3
ORDER BY 3, 1;

-- ------------------------------------------------------------------ call activity
-- CallActivity's own aggregate (BUCKET_TOTALS) over every quarter hour at once.
INSERT INTO call_activity (user_id, bucket_start, calls, answered, busy, no_answer, voicemail, failed,
                           minutes, credits, lead_score_sum, scored_calls, updated_at)
SELECT c.user_id, date_bin('15 minutes', c.created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
       count(*)::int,
       count(*) FILTER (WHERE c.outcome = 'answered')::int,
       count(*) FILTER (WHERE c.outcome = 'busy')::int,
       count(*) FILTER (WHERE c.outcome = 'no-answer')::int,
       count(*) FILTER (WHERE c.outcome = 'voicemail')::int,
       count(*) FILTER (WHERE c.outcome = 'failed')::int,
       COALESCE(sum(c.duration_minutes), 0),
       COALESCE(sum(c.credits_used), 0),
       COALESCE(sum(l.total_score), 0),
       count(l.total_score)::int,
       max(greatest(c.updated_at, l.created_at))
FROM calls c
LEFT JOIN lead_analytics l ON l.call_id = c.id
WHERE c.outcome IS NOT NULL
GROUP BY 1, 2
ORDER BY 2, 1;

-- ------------------------------------------------------------------ checks
-- Foreign keys may have been skipped (replica mode): prove none is broken, and that every
-- balance is its ledger's sum.
SELECT CASE WHEN
    EXISTS (SELECT 1 FROM agents a LEFT JOIN users u ON u.id = a.user_id WHERE u.id IS NULL)
 OR EXISTS (SELECT 1 FROM contacts c LEFT JOIN users u ON u.id = c.user_id WHERE u.id IS NULL)
 OR EXISTS (SELECT 1 FROM contacts c LEFT JOIN calls x ON x.id = c.auto_created_from_call_id
            WHERE c.auto_created_from_call_id IS NOT NULL AND x.id IS NULL)
 OR EXISTS (SELECT 1 FROM calls c LEFT JOIN agents a ON a.id = c.agent_id AND a.user_id = c.user_id WHERE a.id IS NULL)
 OR EXISTS (SELECT 1 FROM calls c LEFT JOIN contacts ct ON ct.id = c.contact_id
            WHERE c.contact_id IS NOT NULL AND (ct.id IS NULL OR ct.user_id <> c.user_id))
 OR EXISTS (SELECT 1 FROM calls c LEFT JOIN transcripts t ON t.id = c.transcript_id
            WHERE c.transcript_id IS NOT NULL AND (t.id IS NULL OR t.call_id <> c.id))
 OR EXISTS (SELECT 1 FROM transcripts t LEFT JOIN calls c ON c.id = t.call_id WHERE c.id IS NULL)
 OR EXISTS (SELECT 1 FROM call_campaigns cc LEFT JOIN agents a ON a.id = cc.agent_id AND a.user_id = cc.user_id WHERE a.id IS NULL)
 OR EXISTS (SELECT 1 FROM call_queue q LEFT JOIN call_campaigns cc ON cc.id = q.campaign_id AND cc.user_id = q.user_id
            LEFT JOIN agents a ON a.id = q.agent_id AND a.user_id = q.user_id
            LEFT JOIN contacts ct ON ct.id = q.contact_id AND ct.user_id = q.user_id
            WHERE cc.id IS NULL OR a.id IS NULL OR ct.id IS NULL)
 OR EXISTS (SELECT 1 FROM call_queue q LEFT JOIN calls c ON c.id = q.call_id WHERE q.call_id IS NOT NULL AND c.id IS NULL)
 OR EXISTS (SELECT 1 FROM lead_analytics l LEFT JOIN calls c ON c.id = l.call_id
            WHERE c.id IS NULL OR c.user_id <> l.user_id)
 OR EXISTS (SELECT 1 FROM calls c JOIN call_queue q ON q.call_id = c.id
            WHERE c.campaign_id IS DISTINCT FROM q.campaign_id)
 OR EXISTS (SELECT 1 FROM credit_transactions t LEFT JOIN users u ON u.id = t.user_id
            LEFT JOIN calls c ON c.id = t.call_id WHERE u.id IS NULL OR (t.call_id IS NOT NULL AND c.id IS NULL))
 OR EXISTS (SELECT 1 FROM agent_analytics aa LEFT JOIN agents a ON a.id = aa.agent_id
            LEFT JOIN users u ON u.id = aa.user_id WHERE a.id IS NULL OR u.id IS NULL)
 OR EXISTS (SELECT 1 FROM call_activity a LEFT JOIN users u ON u.id = a.user_id WHERE u.id IS NULL)
 OR EXISTS (SELECT 1 FROM do_not_call_numbers d LEFT JOIN users u ON u.id = d.user_id WHERE u.id IS NULL)
 OR EXISTS (SELECT 1 FROM users u LEFT JOIN (SELECT user_id, sum(amount) AS s FROM credit_transactions GROUP BY user_id) t
            ON t.user_id = u.id WHERE u.credits <> coalesce(t.s, 0))
  THEN CAST((SELECT 'generated data breaks a foreign key or the credit ledger') AS int) END AS integrity_check;

SELECT set_config('session_replication_role', 'origin', false)
WHERE current_setting('session_replication_role') <> 'origin';

DROP SCHEMA bench_stage CASCADE;
-- Notes the kpi_changes triggers wrote (when they ran) are answered by this refresh.
DELETE FROM kpi_changes;
REFRESH MATERIALIZED VIEW user_kpi;
ANALYZE;
