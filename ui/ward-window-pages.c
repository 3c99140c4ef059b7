/* ward-window-pages.c: the window's sign-in step pages, built the first time the sign-in reaches them */
#include "config.h"

#include "ui/ward-window-private.h"

/* The kiosk starts on the lock screen and may stay there for hours: the
 * key, code, emergency-access and awareness pages are built when a badge
 * first leads to them, not on the way to the first frame. A page, once
 * built, stays for the window's life (later sign-ins reuse it, reset). */
typedef struct
{
  const char *name;
  GType     (*get_type) (void);
  gsize       slot;      /* where the window keeps the page once built */
} StepPage;

static const StepPage step_pages[] = {
  { "key",         ward_key_page_get_type,         G_STRUCT_OFFSET (WardWindow, key_page) },
  { "code",        ward_code_page_get_type,        G_STRUCT_OFFSET (WardWindow, code_page) },
  { "break-glass", ward_break_glass_page_get_type, G_STRUCT_OFFSET (WardWindow, break_glass_page) },
  { "awareness",   ward_awareness_page_get_type,   G_STRUCT_OFFSET (WardWindow, awareness_page) },
};

/* The step page of that name, built and put in the stack (hidden, as every
 * page the stack does not show) if it was not yet; NULL when @name is not a
 * sign-in step. The stack owns the page. */
GtkWidget *
_ward_window_ensure_step_page (WardWindow *self,
                               const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (step_pages); i++)
    {
      GtkWidget **slot = G_STRUCT_MEMBER_P (self, step_pages[i].slot);

      if (g_strcmp0 (name, step_pages[i].name) != 0)
        continue;
      if (*slot == NULL)
        {
          *slot = g_object_new (step_pages[i].get_type (), "visible", FALSE, NULL);
          gtk_stack_add_named (self->stack, *slot, name);
        }
      return *slot;
    }
  return NULL;
}
