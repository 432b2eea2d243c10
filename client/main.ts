// Placeholder entry: the app shell arrives with the pages issue.
const el = document.querySelector('shiori-app');
if (el) el.textContent = '小金井市立図書館 利用者のページ';
