/* ward-markup-nesting.c: which element may stand inside which, checked for the GMarkup readers of content files */
#include "config.h"

#include "app/ward-markup-nesting.h"

WardMarkupPlace
ward_markup_nesting_check (GMarkupParseContext     *context,
                           const WardMarkupNesting *nesting,
                           gsize                    n_entries,
                           const char             **parent)
{
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *element;
  gboolean known = FALSE;

  g_return_val_if_fail (stack != NULL, WARD_MARKUP_PLACE_UNKNOWN);

  /* In a start_element handler the top of the stack is the element just
   * opened, and the one below it is where it stands. */
  element = stack->data;
  *parent = stack->next != NULL ? stack->next->data : NULL;
  for (gsize i = 0; i < n_entries; i++)
    {
      if (!g_str_equal (nesting[i].element, element))
        continue;
      known = TRUE;
      if (g_strcmp0 (nesting[i].parent, *parent) == 0)
        return WARD_MARKUP_PLACE_ALLOWED;
    }
  return known ? WARD_MARKUP_PLACE_MISPLACED : WARD_MARKUP_PLACE_UNKNOWN;
}
