-- loket schema, version 5 (issue 17): a person seen at two counters. The
-- merge (loket gabung) links an archive's visitors of different counters
-- whose ID numbers match (type and number); both records stay as each
-- counter wrote them, and the recap counts the person once. A link holds
-- the two IDs, once in each direction so that either finds the other by
-- the key; an erasure of either visitor removes it. A counter's own file
-- keeps the table empty.
CREATE TABLE visitor_links (
	visitor_id TEXT NOT NULL REFERENCES visitors(id),
	linked_id  TEXT NOT NULL REFERENCES visitors(id),
	PRIMARY KEY (visitor_id, linked_id),
	CHECK (visitor_id <> linked_id)
) WITHOUT ROWID;
