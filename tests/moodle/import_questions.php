<?php
// Import Moodle XML question files into a course's question bank with Moodle's own importer
// (qformat_xml, as Banque de questions → Importer does, with « erreur si la note n'est pas dans la liste »),
// then print as JSON what the bank holds: categories (path, idnumber) and their questions (name, type, idnumber).
//
// Usage: php import_questions.php --moodle=/path/to/moodle [--course=tktest-course] file.xml [...]
// Written for trainkit's real-Moodle test (tests/test_moodle.py); no Moodle code is copied here.
$opts = [];
$files = [];
foreach (array_slice($argv, 1) as $a) {
    if (preg_match('/^--([a-z]+)=(.*)$/s', $a, $m)) {
        $opts[$m[1]] = $m[2];
    } else {
        $files[] = realpath($a) ?: $a;
    }
}
$moodle = $opts['moodle'] ?? null;
if (!$moodle || !$files) {
    fwrite(STDERR, "usage: php import_questions.php --moodle=DIR [--course=SHORTNAME] file.xml...\n");
    exit(2);
}
define('CLI_SCRIPT', true);
require($moodle . '/config.php');
require_once($CFG->libdir . '/questionlib.php');
require_once($CFG->dirroot . '/question/format.php');
require_once($CFG->dirroot . '/question/format/xml/format.php');
require_once($CFG->dirroot . '/course/lib.php');
ini_set('display_errors', 'stderr');
\core\session\manager::set_user(get_admin());

$shortname = $opts['course'] ?? 'tktest-course';
$course = $DB->get_record('course', ['shortname' => $shortname]);
if (!$course) {
    $course = create_course((object)['fullname' => 'trainkit questions', 'shortname' => $shortname,
        'category' => 1, 'format' => 'topics', 'numsections' => 1, 'summary' => '', 'summaryformat' => FORMAT_HTML]);
}
$context = context_course::instance($course->id);
$contexts = (new core_question\local\bank\question_edit_contexts($context))->all();
$default = question_make_default_categories($contexts);

$out = ['moodle_release' => $CFG->release, 'course' => (int)$course->id, 'imports' => [], 'categories' => []];
foreach ($files as $file) {
    $format = new qformat_xml();
    $format->setContexts($contexts);
    $format->setCourse($course);
    $format->setCategory($default);
    $format->setFilename($file);
    $format->setRealfilename(basename($file));
    $format->setMatchgrades('error');
    $format->setCatfromfile(1);
    $format->setContextfromfile(1);
    $format->setStoponerror(1);
    $format->set_display_progress(false);
    ob_start();   // the importer prints its progress as HTML
    $ok = $format->importpreprocess() && $format->importprocess() && $format->importpostprocess();
    $printed = ob_get_clean();
    $out['imports'][] = ['file' => basename($file), 'ok' => (bool)$ok,
        'messages' => trim(strip_tags(html_entity_decode($printed)))];
}

$categories = $DB->get_records('question_categories', ['contextid' => $context->id], 'id');
$names = [];
foreach ($categories as $category) {
    $names[$category->id] = $category->name;
}
foreach ($categories as $category) {
    $path = [];
    for ($c = $category; $c; $c = $categories[$c->parent] ?? null) {
        array_unshift($path, $c->name);
    }
    $questions = $DB->get_records_sql(
        "SELECT q.id, q.name, q.qtype, qbe.idnumber
           FROM {question} q
           JOIN {question_versions} qv ON qv.questionid = q.id
           JOIN {question_bank_entries} qbe ON qbe.id = qv.questionbankentryid
          WHERE qbe.questioncategoryid = ? AND q.parent = 0
       ORDER BY q.id", [$category->id]);
    $out['categories'][] = ['path' => implode('/', $path), 'idnumber' => $category->idnumber,
        'questions' => array_values(array_map(fn($q) => ['name' => $q->name, 'qtype' => $q->qtype,
            'idnumber' => $q->idnumber], $questions))];
}
echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
