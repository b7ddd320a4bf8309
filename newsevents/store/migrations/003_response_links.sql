-- 003: every (response, claim) link of the claims ledger (issue #20).
-- responses.claim_id keeps one link per response (the best, for older readers);
-- a denial may answer the same accusation reported by several outlets, so the
-- ledger reads its links here: one row per (response, claim) pair.
CREATE TABLE response_links (
    response_article_id VARCHAR NOT NULL,   -- responses.article_id
    response_id         VARCHAR NOT NULL,   -- responses.id
    claim_article_id    VARCHAR NOT NULL,   -- claims.article_id
    claim_id            VARCHAR NOT NULL,   -- claims.id (unique across articles)
    score               DOUBLE,             -- the linker's probability; NULL for in-article links
    method              VARCHAR NOT NULL    -- 'in-article' or 'cross-article'
);

-- The links an older store already holds (one per response, in claim_id).
INSERT INTO response_links
SELECT DISTINCT r.article_id, r.id, c.article_id, c.id, NULL,
       CASE WHEN c.article_id = r.article_id THEN 'in-article' ELSE 'cross-article' END
FROM responses r JOIN claims c ON c.id = r.claim_id;

CREATE INDEX response_links_claim_id ON response_links (claim_id);
