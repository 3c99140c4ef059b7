/* ward-window-pages.c: the window's sign-in step pages, built the first time the sign-in reaches them */
#include "config.h"

#include "ui/ward-window-private.h"

/* The kiosk starts on the lock screen and may stay there for hours: the
 * key, code, emergency-access and awareness pages are built when a badge
 * first leads to them, not on the way to the first frame. A page, once
 * built, stays for the window's life (later sign-ins reuse it, reset). */
static GtkWidget **
step_page_slot (WardWindow  *self,
                const char  *name,
                GtkWidget *(**make) (void))
{
  if (g_strcmp0 (name, "key") == 0)
    {
      *make = ward_key_page_new;
      return (GtkWidget **) &self->key_page;
    }
  if (g_strcmp0 (name, "code") == 0)
    {
      *make = ward_code_page_new;
      return (GtkWidget **) &self->code_page;
    }
  if (g_strcmp0 (name, "break-glass") == 0)
    {
      *make = ward_break_glass_page_new;
      return (GtkWidget **) &self->break_glass_page;
    }
  if (g_strcmp0 (name, "awareness") == 0)
    {
      *make = ward_awareness_page_new;
      return (GtkWidget **) &self->awareness_page;
    }
  return NULL;
}

/* The step page of that name, built and put in the stack (hidden, as every
 * page the stack does not show) if it was not yet; NULL when @name is not a
 * sign-in step. The stack owns the page. */
GtkWidget *
_ward_window_ensure_step_page (WardWindow *self,
                               const char *name)
{
  GtkWidget *(*make) (void) = NULL;
  GtkWidget **slot = step_page_slot (self, name, &make);

  if (slot == NULL)
    return NULL;
  if (*slot == NULL)
    {
      *slot = make ();
      gtk_widget_set_visible (*slot, FALSE);
      gtk_stack_add_named (self->stack, *slot, name);
    }
  return *slot;
}
