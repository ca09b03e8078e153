/* schema.sql.h - the archive's schema, version by version.
 *
 * PRAGMA user_version holds the version of a file. Opening a file runs the
 * migrations from its version up to CW_SCHEMA_VERSION in one transaction;
 * a file with a higher version was written by a newer crosswire and is
 * refused. Never edit a released migration: add the next one.
 */
#ifndef CW_STORE_SCHEMA_H
#define CW_STORE_SCHEMA_H

#define CW_SCHEMA_VERSION 1

static const char *const cw_schema_migrations[CW_SCHEMA_VERSION] = {
    /* 1: documents, articles, stories, the clustering index, search */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "INSERT INTO meta VALUES('ndocs', 0);"
    "CREATE TABLE documents("
    "  id INTEGER PRIMARY KEY,"
    "  origin TEXT NOT NULL,"
    "  hash TEXT NOT NULL UNIQUE,"
    "  added TEXT NOT NULL,"
    "  articles INTEGER NOT NULL);"
    "CREATE TABLE stories("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT,"
    "  title_score REAL NOT NULL DEFAULT 0,"
    "  first_seen TEXT,"
    "  last_update TEXT,"
    "  last_published INTEGER NOT NULL DEFAULT 0,"
    "  n_articles INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX stories_by_update ON stories(last_update);"
    "CREATE TABLE articles("
    "  id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id),"
    "  story_id INTEGER NOT NULL REFERENCES stories(id),"
    "  content_hash TEXT NOT NULL UNIQUE,"
    "  title TEXT, outlet TEXT, url TEXT, published TEXT,"
    "  dateline TEXT, byline TEXT, text TEXT NOT NULL,"
    "  credits TEXT NOT NULL DEFAULT '[]',"
    "  source_path TEXT, source_part INTEGER NOT NULL DEFAULT 0,"
    "  source_id TEXT,"
    "  added TEXT NOT NULL,"
    "  similarity REAL NOT NULL DEFAULT 0);"
    "CREATE INDEX articles_by_story ON articles(story_id);"
    "CREATE TABLE article_entities("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  name TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  roles TEXT NOT NULL DEFAULT '[]',"
    "  mentions INTEGER NOT NULL);"
    "CREATE INDEX article_entities_by_article ON article_entities(article_id);"
    /* the clustering index: each story's heaviest terms (bounded), looked
     * up by term, newest stories first */
    "CREATE TABLE story_terms("
    "  term TEXT NOT NULL,"
    "  story_id INTEGER NOT NULL,"
    "  weight REAL NOT NULL,"
    "  PRIMARY KEY(term, story_id)) WITHOUT ROWID;"
    "CREATE INDEX story_terms_by_story ON story_terms(story_id);"
    "CREATE TABLE df(term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "  title, text, content='articles', content_rowid='id',"
    "  tokenize='porter unicode61 remove_diacritics 2');",
};

#endif
