/* ward-test-kiosk.h: the kiosk booted over a test ward, and the steps of signing in at it */
#pragma once

#include <gtk/gtk.h>

#include "app/awareness/ward-awareness-prompt.h"
#include "tests/ui/ward-test-ui.h"

G_BEGIN_DECLS

#define WARD_TEST_NURSE_BADGE        "04A1B2C3"
#define WARD_TEST_ADMIN_BADGE        "04D4E5F6"
#define WARD_TEST_SECOND_NURSE_BADGE "04778899"

typedef struct _WardTestKiosk WardTestKiosk;
typedef void (*WardTestKioskCheck) (WardTestKiosk *k);

/* A test file may put this first in a larger fixture of its own. */
struct _WardTestKiosk
{
  WardTestSite      *site;
  WardApplication   *app;
  WardWindow        *window;
  WardKiosk         *kiosk;
  WardAuthFlow      *flow;
  WardTestKioskCheck check;
  /* The demo ward, with its own virtual keys. */
  gboolean           demo;
  /* Keep the awareness prompts: otherwise they are switched off, as they
   * are tested alone. */
  gboolean           awareness;
};

/* A test that only runs its check in the kiosk (not the demo ward). */
typedef struct
{
  const char         *path;
  WardTestKioskCheck  check;
} WardTestKioskCase;

void         ward_test_kiosk_init            (int                *argc,
                                              char             ***argv);
void         ward_test_kiosk_init_on_bus     (int                *argc,
                                              char             ***argv);
void         ward_test_kiosk_set_up          (WardTestKiosk      *k,
                                              gconstpointer       data);
void         ward_test_kiosk_tear_down       (WardTestKiosk      *k,
                                              gconstpointer       data);
void         ward_test_kiosk_add             (const char         *path,
                                              void              (*test) (WardTestKiosk *k,
                                                                         gconstpointer  data));
void         ward_test_kiosk_add_cases       (const WardTestKioskCase *cases,
                                              gsize                    n_cases);
void         ward_test_kiosk_run             (WardTestKiosk      *k,
                                              WardTestKioskCheck  check,
                                              gboolean            demo);

GtkWidget   *ward_test_kiosk_root            (WardTestKiosk      *k);
WardSoftKey *ward_test_kiosk_key_of          (WardTestKiosk      *k,
                                              const char         *username);
void         ward_test_kiosk_wait_for_state  (WardTestKiosk      *k,
                                              WardAuthState       state);
void         ward_test_kiosk_screenshot      (WardTestKiosk      *k,
                                              const char         *name);
void         ward_test_kiosk_activate        (WardTestKiosk      *k,
                                              const char         *action);
void         ward_test_kiosk_next_time_step  (WardTestKiosk      *k);

void         ward_test_kiosk_type_on_keypad  (WardTestKiosk      *k,
                                              const char         *digits);
void         ward_test_kiosk_press_keypad_ok (WardTestKiosk      *k);
void         ward_test_kiosk_reach_code_step (WardTestKiosk      *k,
                                              const char         *username,
                                              const char         *badge);
void         ward_test_kiosk_sign_in         (WardTestKiosk      *k,
                                              const char         *username,
                                              const char         *badge);
void         ward_test_kiosk_assert_refusal_shown (WardTestKiosk *k,
                                              const char         *words);
void         ward_test_kiosk_pass_factors    (WardTestKiosk      *k,
                                              const char         *username);
void         ward_test_kiosk_sign_out        (WardTestKiosk      *k);
const char  *ward_test_kiosk_code_entry_text (WardTestKiosk      *k);
gboolean     ward_test_kiosk_key_waiting     (gpointer            flow);

void         ward_test_kiosk_feed_badge_keys (WardTestKiosk      *k,
                                              const char         *badge);
const char  *ward_test_kiosk_tap_badge       (WardTestKiosk      *k,
                                              const char         *badge);
gboolean     ward_test_kiosk_tap_over_asked  (gpointer            k);
void         ward_test_kiosk_tap_badge_while_signed_in (WardTestKiosk *k,
                                              const char         *badge);
void         ward_test_kiosk_press_return    (WardTestKiosk      *k);
int          ward_test_awareness_choice      (WardAwarenessPrompt *prompt,
                                              gboolean            correct);

gboolean     ward_test_kiosk_xdotool_usable  (WardTestKiosk      *k);
void         ward_test_kiosk_xdotool_type    (WardTestKiosk      *k,
                                              const char         *text,
                                              guint               delay_ms);
void         ward_test_kiosk_xdotool_key     (WardTestKiosk      *k,
                                              const char         *key,
                                              guint               settle_ms);

G_END_DECLS
