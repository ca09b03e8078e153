# gen_docs.awk - invented news documents for the durability tests and the
# search benchmark: one JSON line per document, vocabulary made up here
# (no real outlets, people or places). Variables: n (documents), dir
# (write one file per document there; empty = all to stdout), seed.
function pick(arr, k) { return arr[int(rand() * k) + 1] }
BEGIN {
  if (seed == "") seed = 7
  srand(seed)
  nw = split("harbor council ferry strike bridge orchard frost union talks " \
             "minister budget tunnel reservoir drought flood rail tram port " \
             "crane cargo tariff rate bank inquiry court trial verdict " \
             "mayor festival museum theft gallery painting hospital nurse " \
             "school teacher storm wind snow blackout grid turbine solar " \
             "mine quarry river canal lock barge pilot airport runway " \
             "strike walkout protest march petition vote election ballot", W, " ")
  np = split("Amsel Vell Korrin Tessaly Morn Ostrava Lindqvist Halvard " \
             "Pellin Rask Ulvik Serrano Dovane Marwick Quillon Brask", P, " ")
  no = split("Amsel Tribune|Coast Herald|Vell Gazette|Morn Evening Post|" \
             "Northshore Wire|Tessaly Daily|Canal Street Journal|Ulvik Radio", O, "|")
  nv = split("said|announced|denied|warned|confirmed|rejected|approved|delayed", V, "|")
  for (i = 1; i <= n; i++) {
    place = pick(P, np); person = pick(P, np) " " pick(P, np)
    topic = pick(W, nw); topic2 = pick(W, nw)
    title = place " " topic " " pick(V, nv) " as " topic2 " talks go on"
    text = ""
    ns = 3 + int(rand() * 5)
    for (s = 1; s <= ns; s++) {
      sent = person " " pick(V, nv) " that the " pick(W, nw) " in " place
      for (k = 0; k < 6 + int(rand() * 10); k++) sent = sent " " pick(W, nw)
      text = text (s > 1 ? " " : "") sent "."
    }
    # a token of its own so every document is distinct content
    text = text " Reference code doc" sprintf("%06d", i) "."
    day = 1 + (i % 28); month = 1 + int(i / 28) % 12
    line = sprintf("{\"id\":\"doc%06d\",\"title\":\"%s\",\"text\":\"%s\"," \
                   "\"published\":\"2031-%02d-%02d\",\"outlet\":\"%s\"}",
                   i, title, text, month, day, pick(O, no))
    if (dir != "") {
      f = sprintf("%s/d%06d.jsonl", dir, i)
      print line > f
      close(f)
    } else {
      print line
    }
  }
}
