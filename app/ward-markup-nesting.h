/* ward-markup-nesting.h: which element may stand inside which, checked for the GMarkup readers of content files */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One place an element may stand: inside @parent, or at the top of the
 * file when @parent is NULL. An element allowed in several places has
 * one entry for each. */
typedef struct
{
  const char *element;
  const char *parent;
} WardMarkupNesting;

typedef enum
{
  WARD_MARKUP_PLACE_ALLOWED,
  WARD_MARKUP_PLACE_UNKNOWN,     /* the element has no entry at all */
  WARD_MARKUP_PLACE_MISPLACED,   /* it has entries, none for this parent */
} WardMarkupPlace;

/* For a start_element handler: where the element @context has just opened
 * stands against @nesting. @parent is set to the enclosing element, NULL at
 * the top. The caller words the refusal: the awareness reader speaks
 * English to content writers, the catalogue reader the kiosk's language. */
WardMarkupPlace ward_markup_nesting_check (GMarkupParseContext     *context,
                                           const WardMarkupNesting *nesting,
                                           gsize                    n_entries,
                                           const char             **parent);

G_END_DECLS
