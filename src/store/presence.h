/*
 * presence.h — which of the sparse feed tables a person may have rows in (table
 * person_parts, migration person-parts-1, docs/storage.md "Which tables a person has rows
 * in").
 *
 * Most persons have no row in sentence_changes, medical, merits, corrections, property,
 * restraints or deaths; an incremental screening seeks every changed person in each of
 * them all the same, a leaf page read for nothing. person_parts holds, per person, one bit
 * per such table (presence_tables[i] is bit 1 << i): set, the person may have rows there;
 * clear, none; a person without a row in person_parts is unknown (every bit). The import
 * keeps it in each batch's transaction (feed_store_changed_persons): the persons batch
 * adds its new persons with no bit, a batch of one of these tables sets the bit of its
 * rows' persons. Like changed_persons and the score histogram it trusts that only the
 * import writes the feed tables. The bits are stored in databases: never renumber them.
 */
#ifndef ZJ_STORE_PRESENCE_H
#define ZJ_STORE_PRESENCE_H
#include <string.h>

static const char *const presence_tables[] = {
    "sentence_changes", "medical", "merits", "corrections", "property", "restraints", "deaths",
};
#define PRESENCE_N ((int)(sizeof presence_tables / sizeof *presence_tables))

/* The bit of table in person_parts.parts, 0 when person_parts does not follow it. */
static inline int presence_bit(const char *table)
{
    for (int i = 0; table && i < PRESENCE_N; i++)
        if (!strcmp(presence_tables[i], table))
            return 1 << i;
    return 0;
}
#endif
