/* ward-keypad.h: a large on-screen numeric keypad for gloved fingers: digits, backspace, OK */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_KEYPAD (ward_keypad_get_type ())
G_DECLARE_FINAL_TYPE (WardKeypad, ward_keypad, WARD, KEYPAD, GtkWidget)

GtkWidget   *ward_keypad_new        (void);

void         ward_keypad_attach     (WardKeypad  *self,
                                     GtkEditable *entry,
                                     const char  *submit_action);
GtkWidget   *ward_keypad_get_button (WardKeypad  *self,
                                     const char  *key);

G_END_DECLS
