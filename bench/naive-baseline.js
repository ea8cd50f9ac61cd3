// The common tutorial approach, kept only as the benchmark's baseline: every request reads the key
// from Script Properties and the whole sheet with getDataRange(), then loops over the rows.
function doGet(e) {
  var properties = PropertiesService.getScriptProperties();
  if (e.parameter.key !== properties.getProperty('ACCESS_KEY')) return ContentService.createTextOutput('Access denied');
  var sheet = SpreadsheetApp.openById(properties.getProperty('SPREADSHEET_ID')).getSheetByName('Contacts');
  var values = sheet.getDataRange().getDisplayValues();
  var headers = values[0];
  var column = headers.indexOf('Email');
  var email = String(e.parameter.email || '')
    .trim()
    .toLowerCase();
  var found = [];
  for (var i = 1; i < values.length; i++) {
    if (String(values[i][column]).trim().toLowerCase() === email) {
      found.push(
        headers
          .map(function (header, j) {
            return header + ': ' + values[i][j];
          })
          .join('\n'),
      );
    }
  }
  return ContentService.createTextOutput(found.length ? found.join('\n\n') : 'No contact found for ' + email);
}
