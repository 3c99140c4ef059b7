/* test-awareness-content.c: the shipped awareness prompts: complete, well-formed, extracted and translated */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "app/awareness/ward-awareness-catalogue.h"
#include "data/ward-directory.h"
#include "tests/common/ward-test-store.h"

#define CONTENT_PATH  WARD_SOURCE_ROOT "/data/awareness/prompts.xml"
#define ITS_DATA_DIR  WARD_SOURCE_ROOT "/data/awareness"
#define PO_DIR        WARD_SOURCE_ROOT "/po"

/* The topics the awareness issue names; each must have prompts. */
static const char *const required_topics[] = {
  "phishing", "phone-code", "usb-stick", "tailgating", "shoulder-surfing", "badge-lending",
  "unlocked-kiosk", "tampered-device", "ransomware", "qr-code", "lost-key", "reporting",
};

static WardAwarenessCatalogue *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  WardAwarenessCatalogue *catalogue = ward_awareness_catalogue_new_from_file (CONTENT_PATH, &error);

  g_assert_no_error (error);
  return catalogue;
}

static void
test_loads_from_file_and_resource (void)
{
  g_autoptr(WardAwarenessCatalogue) file = load_shipped ();
  g_autoptr(WardAwarenessCatalogue) builtin = NULL;
  g_autoptr(GError) error = NULL;

  g_unsetenv ("WARDGATE_AWARENESS");
  builtin = ward_awareness_catalogue_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (ward_awareness_catalogue_get_prompts (builtin)->len, ==,
                    ward_awareness_catalogue_get_prompts (file)->len);
  g_assert_cmpuint (ward_awareness_catalogue_get_prompts (file)->len, >=, 16);
  g_assert_cmpuint (ward_awareness_catalogue_get_topics (file)->len, >=, 8);

  g_setenv ("WARDGATE_AWARENESS", CONTENT_PATH, TRUE);
  g_clear_object (&builtin);
  builtin = ward_awareness_catalogue_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (ward_awareness_catalogue_lookup_prompt (builtin, "phishing-invoice"));
  g_unsetenv ("WARDGATE_AWARENESS");
}

/* Two prompts for everyone in every topic: a wrong answer then brings the
 * topic back with a different scenario, whatever the person's role. */
static void
test_every_topic_covered (void)
{
  g_autoptr(WardAwarenessCatalogue) catalogue = load_shipped ();
  GPtrArray *topics = ward_awareness_catalogue_get_topics (catalogue);

  for (guint i = 0; i < G_N_ELEMENTS (required_topics); i++)
    g_assert_nonnull (ward_awareness_catalogue_lookup_topic (catalogue, required_topics[i]));
  for (guint i = 0; i < topics->len; i++)
    {
      WardAwarenessTopic *topic = g_ptr_array_index (topics, i);
      const char *no_roles[] = { NULL };
      g_autoptr(GPtrArray) prompts =
        ward_awareness_catalogue_list_for_topic (catalogue, ward_awareness_topic_get_id (topic), no_roles);

      if (prompts->len < 2)
        g_error ("topic %s has %u prompts for everyone", ward_awareness_topic_get_id (topic), prompts->len);
      g_assert_cmpstr (ward_awareness_topic_get_name (topic), !=, "");
    }
}

static guint
count_sentences (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (strchr (".!?", *p) != NULL
        && (p[1] == '\0' || p[1] == ' ' || g_str_has_prefix (p + 1, "”")))
      n++;
  return n;
}

static void
check_prompt (WardAwarenessPrompt *prompt,
              GHashTable          *ids,
              WardStore           *store)
{
  const char *id = ward_awareness_prompt_get_id (prompt);
  guint n = ward_awareness_prompt_get_n_choices (prompt), n_right = 0;
  const char *const *roles = ward_awareness_prompt_get_roles (prompt);

  g_assert_true (g_hash_table_add (ids, (gpointer) id));
  if (count_sentences (ward_awareness_prompt_get_scenario (prompt)) < 2
      || count_sentences (ward_awareness_prompt_get_scenario (prompt)) > 3)
    g_error ("the scenario of %s is not two or three sentences", id);
  g_assert_true (g_str_has_suffix (ward_awareness_prompt_get_question (prompt), "?")
                 || g_str_has_suffix (ward_awareness_prompt_get_question (prompt), ")"));
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <=, 4);
  for (guint i = 0; i < n; i++)
    {
      n_right += ward_awareness_prompt_get_choice_correct (prompt, i) ? 1 : 0;
      g_assert_cmpstr (ward_awareness_prompt_get_choice_label (prompt, i), !=, "");
      g_assert_cmpstr (ward_awareness_prompt_get_choice_explanation (prompt, i), !=, "");
    }
  g_assert_cmpuint (n_right, >=, 1);
  g_assert_cmpuint (n_right, <, n);
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (!ward_directory_has_role (store, roles[i]))
      g_error ("prompt %s targets the unknown role %s", id, roles[i]);
}

static void
test_every_prompt_well_formed (void)
{
  g_autoptr(WardAwarenessCatalogue) catalogue = load_shipped ();
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *prompts = ward_awareness_catalogue_get_prompts (catalogue);

  for (guint i = 0; i < prompts->len; i++)
    check_prompt (g_ptr_array_index (prompts, i), ids, fixture->store);
}

/* The audit events the issue names each bring a topic. */
static void
test_security_events_mapped (void)
{
  g_autoptr(WardAwarenessCatalogue) catalogue = load_shipped ();
  const struct { const char *event, *reason, *topic; } cases[] = {
    { "account.locked", "wrong", "reporting" },
    { "factor.failed", "replayed", "phone-code" },
    { "factor.failed", "wrong-key", "badge-lending" },
    { "factor.failed", "foreign-credential", "badge-lending" },
    { "factor.failed", "counter-not-rising", "lost-key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WardAwarenessTopic *topic =
        ward_awareness_catalogue_topic_for_event (catalogue, cases[i].event, cases[i].reason);

      g_assert_nonnull (topic);
      g_assert_cmpstr (ward_awareness_topic_get_id (topic), ==, cases[i].topic);
    }
  g_assert_null (ward_awareness_catalogue_topic_for_event (catalogue, "factor.failed", "wrong"));
}

/* Mistakes in content are refused with the file, the line and the reason. */
static void
test_invalid_content_refused (void)
{
  const struct { const char *xml, *expected; } cases[] = {
    { "<awareness version=\"2\"/>", "test.xml:1: version" },
    { "<awareness version=\"1\">\n<topic id=\"a\"><name>A</name></topic>\n<topic id=\"a\"><name>B</name></topic>\n</awareness>",
      "test.xml:3: topic id “a” is used twice" },
    { "<awareness version=\"1\">\n<topic id=\"a\"><name>A</name></topic>\n</awareness>", "no prompts" },
    { "<awareness version=\"1\">\n<topic id=\"a\"><name>A</name></topic>\n"
      "<prompt id=\"p\" topic=\"a\"><scenario>S.</scenario><question>Q?</question>\n"
      "<choice id=\"x\" correct=\"yes\"><label>X</label><explanation>E</explanation></choice>\n"
      "<choice id=\"y\" correct=\"yes\"><label>Y</label><explanation>E</explanation></choice>\n"
      "</prompt></awareness>", "test.xml:3: prompt “p” needs at least one right and one wrong choice" },
    { "<awareness version=\"1\">\n<topic id=\"a\"><name>A</name></topic>\n"
      "<prompt id=\"p\" topic=\"a\"><scenario>S.</scenario><question>Q?</question>\n"
      "<choice id=\"x\" correct=\"yes\"><label>X</label></choice>\n"
      "</prompt></awareness>", "test.xml:4: choice “x” of prompt “p” needs a <label> and an <explanation>" },
    { "<awareness version=\"1\">\n<topic id=\"a\"><name>A</name></topic>\n"
      "<prompt id=\"p\" topic=\"b\"><scenario>S.</scenario><question>Q?</question>\n"
      "<choice id=\"x\" correct=\"yes\"><label>X</label><explanation>E</explanation></choice>\n"
      "<choice id=\"y\" correct=\"no\"><label>Y</label><explanation>E</explanation></choice>\n"
      "</prompt></awareness>", "test.xml:3: prompt “p” names the unknown topic “b”" },
    { "<awareness version=\"1\">\n<topic id=\"a\"><name>Fish &amp; chips</name></topic>\n</awareness>",
      "test.xml:2: <name> contains" },
    { "<awareness version=\"1\">\n<topic id=\"Bad Id\"><name>A</name></topic>\n</awareness>",
      "test.xml:2: topic id “Bad Id” must be" },
    { "<awareness version=\"1\">\n<topic id=\"a\"><title>A</title></topic>\n</awareness>",
      "test.xml:2: <title> is not expected inside <topic>" },
    { "<awareness version=\"1\">\n<topic id=\"a\"><name>A</name>\n", "test.xml:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WardAwarenessCatalogue) catalogue =
        ward_awareness_catalogue_new_from_data (cases[i].xml, -1, "test.xml", &error);

      g_assert_null (catalogue);
      g_assert_error (error, WARD_AWARENESS_ERROR, WARD_AWARENESS_ERROR_INVALID);
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].expected);
    }
}

/* PO files, read just enough: msgid → msgstr of every entry that is
 * neither fuzzy nor the header. */
static void
read_po_entry (GHashTable *entries,
               const char *block)
{
  g_auto(GStrv) lines = g_strsplit (block, "\n", -1);
  g_autoptr(GString) msgid = g_string_new (NULL);
  g_autoptr(GString) msgstr = g_string_new (NULL);
  GString *current = NULL;
  gboolean fuzzy = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *quote = strchr (line, '"');

      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        fuzzy = TRUE;
      if (g_str_has_prefix (line, "msgid "))
        current = msgid;
      else if (g_str_has_prefix (line, "msgstr "))
        current = msgstr;
      else if (g_str_has_prefix (line, "msgctxt ") || g_str_has_prefix (line, "msgid_plural ")
               || line[0] == '#')
        current = NULL;
      if (current != NULL && quote != NULL && g_str_has_suffix (line, "\""))
        {
          g_autofree char *raw = g_strndup (quote + 1, strlen (quote + 1) - 1);
          g_autofree char *text = g_strcompress (raw);

          g_string_append (current, text);
        }
    }
  if (msgid->len > 0 && !fuzzy)
    g_hash_table_insert (entries, g_strdup (msgid->str), g_strdup (msgstr->str));
}

static void
read_po (GHashTable *entries,
         const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) blocks = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  blocks = g_strsplit (contents, "\n\n", -1);
  for (guint i = 0; blocks[i] != NULL; i++)
    read_po_entry (entries, blocks[i]);
}

static char *
extract_pot (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wardgate-pot-XXXXXX", NULL);
  char *pot = g_build_filename (dir, "awareness.pot", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) xgettext = NULL;
  g_autoptr(GError) error = NULL;

  /* The same rules po/ uses: found through GETTEXTDATADIRS/its. */
  g_subprocess_launcher_setenv (launcher, "GETTEXTDATADIRS", ITS_DATA_DIR, TRUE);
  xgettext = g_subprocess_launcher_spawn (launcher, &error, "xgettext", "--from-code=UTF-8",
                                          "--package-name=wardgate", "-o", pot, CONTENT_PATH, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (xgettext, NULL, &error));
  g_assert_no_error (error);
  return pot;
}

static void
remove_pot (const char *pot)
{
  g_autofree char *dir = g_path_get_dirname (pot);

  g_unlink (pot);
  g_rmdir (dir);
}

static void
test_every_string_extracted (void)
{
  g_autoptr(WardAwarenessCatalogue) catalogue = load_shipped ();
  g_autoptr(GArray) strings = ward_awareness_catalogue_list_strings (catalogue);
  g_autoptr(GHashTable) pot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *pot_path = NULL;

  g_autofree char *xgettext = g_find_program_in_path ("xgettext");

  if (xgettext == NULL)
    {
      g_test_skip ("xgettext is not installed");
      return;
    }
  pot_path = extract_pot ();
  read_po (pot, pot_path);
  remove_pot (pot_path);

  g_assert_cmpuint (strings->len, >=, 16 * 5);
  for (guint i = 0; i < strings->len; i++)
    {
      WardAwarenessString *string = &g_array_index (strings, WardAwarenessString, i);

      if (!g_hash_table_contains (pot, string->msgid))
        g_error ("prompts.xml:%u: “%s” is not in the extracted .pot", string->line, string->msgid);
    }
}

/* Read straight from po/de.po, so that a prompt whose German is missing is
 * named here with its line in prompts.xml. */
static void
test_every_string_in_german (void)
{
  g_autoptr(WardAwarenessCatalogue) catalogue = load_shipped ();
  g_autoptr(GArray) strings = ward_awareness_catalogue_list_strings (catalogue);
  g_autoptr(GHashTable) german = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  read_po (german, PO_DIR "/de.po");

  for (guint i = 0; i < strings->len; i++)
    {
      WardAwarenessString *string = &g_array_index (strings, WardAwarenessString, i);
      const char *translation = g_hash_table_lookup (german, string->msgid);

      if (translation == NULL || *translation == '\0')
        g_error ("prompts.xml:%u: “%s” has no German translation", string->line, string->msgid);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awareness/content/loads", test_loads_from_file_and_resource);
  g_test_add_func ("/awareness/content/topics", test_every_topic_covered);
  g_test_add_func ("/awareness/content/prompts", test_every_prompt_well_formed);
  g_test_add_func ("/awareness/content/security-events", test_security_events_mapped);
  g_test_add_func ("/awareness/content/invalid", test_invalid_content_refused);
  g_test_add_func ("/awareness/content/extracted", test_every_string_extracted);
  g_test_add_func ("/awareness/content/german", test_every_string_in_german);
  return g_test_run ();
}
